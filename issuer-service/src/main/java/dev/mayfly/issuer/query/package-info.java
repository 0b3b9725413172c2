/**
 * The issuer's read side: an in-memory directory of accounts, users, roles, access keys and policies, and of
 * workloads, built from the state changes of the event store and kept current by its tail
 * ({@link dev.mayfly.eventstore.EventStoreTail}), which follows what every issuer on the database commits: a change made
 * through one issuer is enforced by all within a tick, and by the one that made it before it answers. Authentication and
 * authorization read it on every request, so a lookup is a map read. The access keys' last uses, which come from calls
 * rather than changes, are in a table every issuer writes ({@link dev.mayfly.issuer.query.AccessKeyUsage}).
 */
package dev.mayfly.issuer.query;
