/**
 * The issuer's read side: an in-memory directory of accounts, users, roles, access keys and policies,
 * built from the events (replayed at start by {@link dev.mayfly.issuer.query.DirectoryReplay}, which reads the state
 * changes and, of the recorded calls, only those after the snapshot of the keys' last uses; then kept current after
 * each commit). Authentication and
 * authorization read it on every request, so a lookup is a map read.
 */
package dev.mayfly.issuer.query;
