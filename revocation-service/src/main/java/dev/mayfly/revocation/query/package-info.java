/** The rules in force, in memory, rebuilt from the event store at start and kept current after each commit. */
package dev.mayfly.revocation.query;
