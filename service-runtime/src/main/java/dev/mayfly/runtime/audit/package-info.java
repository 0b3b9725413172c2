/** Recording the API calls of services that keep no event store: straight to mayfly.events, acknowledged before the answer. */
package dev.mayfly.runtime.audit;
