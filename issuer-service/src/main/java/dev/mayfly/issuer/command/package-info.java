/**
 * The issuer's aggregates. Command handlers validate and decide; event-sourcing handlers only change
 * state. No I/O and no clock: the time of a change arrives in its command.
 */
package dev.mayfly.issuer.command;
