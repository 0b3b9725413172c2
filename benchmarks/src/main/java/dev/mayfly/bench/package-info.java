/**
 * JMH benchmarks of what every request pays: checking its SigV4 signature, opening (and, for issuance,
 * sealing) a session token, evaluating policies; and what every event pays on its way to the audit trail: its feed
 * signature, made and checked per record or per batch. They measure, they assert nothing; docs/benchmarks.md
 * holds the figures and the command that reproduced them.
 */
package dev.mayfly.bench;
