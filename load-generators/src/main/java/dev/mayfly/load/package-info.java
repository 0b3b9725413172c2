/**
 * ./mayfly bench: the end-to-end load generators (AssumeRole throughput, latency and the platform's CPU per call, side by
 * side with another STS endpoint too, audit freshness, tenant isolation, revocation latency, a resource server's
 * verifier) and the hostile-request fuzzer, each run against a running platform
 * with the same clients an operator's commands use. Figures, and the commands that produced them, are in
 * docs/benchmarks.md; the JMH benchmarks of the per-request hot path are in the benchmarks module beside this one.
 *
 * <p>Owns: generating load and garbage, and measuring what came back. Must not touch: the embedded infrastructure or
 * dev mode (dev.mayfly.dev): a benchmark measures a platform it did not start. ArchitectureTest keeps it so.
 */
package dev.mayfly.load;
