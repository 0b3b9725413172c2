/**
 * ./mayfly's entry point and dev mode: one usage text and dispatch over the commands of the workload agent
 * (dev.mayfly.agent), the operator's commands (dev.mayfly.cli) and the load generators (dev.mayfly.load); the whole
 * platform on one machine with embedded real infrastructure ({@code ./mayfly dev}), or as a cluster of processes to
 * break, several issuers behind a round-robin listener ({@code ./mayfly dev --issuers N}); one service alone
 * ({@code ./mayfly serve}); shell completion made from the usage.
 *
 * <p>Owns: the command line's shape and dev mode's lifecycle. Must not be a dependency of any other module: it is the
 * one place where services and embedded infrastructure meet.
 */
package dev.mayfly.dev;
