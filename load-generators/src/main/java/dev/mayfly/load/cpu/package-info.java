/**
 * The platform's CPU over a benchmark's measured phase, from Linux's /proc: which processes are the platform (by the
 * ports they listen on, and their descendants), each process's and thread's CPU time, and its split by component of the
 * platform by thread name ({@link dev.mayfly.load.cpu.CpuComponent}'s one table).
 *
 * <p>Owns: reading /proc and grouping what it reads. Must not touch: the platform itself; it is only looked at from outside.
 */
package dev.mayfly.load.cpu;
