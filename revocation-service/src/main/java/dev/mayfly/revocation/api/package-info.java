/** The revocation service's messages, as records. */
package dev.mayfly.revocation.api;
