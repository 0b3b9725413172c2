/** The rule aggregate: validation in command handlers, state only in event-sourcing handlers. */
package dev.mayfly.revocation.command;
