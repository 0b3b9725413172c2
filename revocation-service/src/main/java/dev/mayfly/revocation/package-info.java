/**
 * The revocation service: time-based deny rules as event-sourced aggregates, a tenant-scoped API to add,
 * list and lift them, and the publication of rules to the compacted topic mayfly.revocations, from which
 * every issuer and verifier builds its index: each record signed with the service's own key
 * ({@link dev.mayfly.revocation.RevocationSettings#signingKeysFile}), every rule in force published again, signed, at start, then the feed's state (an epoch and how many rules are in force, {@link dev.mayfly.revocation.FeedStatePublication}), again after every rule published, so that followers can tell an emptied topic from an empty one. CreateRule answers once the rule is stored and Kafka acknowledged it
 * on that topic (State Published), or, after a bounded wait, with State Pending ({@link dev.mayfly.revocation.RulePublication}).
 *
 * <p>Rules also come from the audit's detections, signed on mayfly.detections ({@link dev.mayfly.revocation.detection}),
 * checked and made as the API makes them.
 *
 * <p>Owns: the rules' lifecycle. Must not touch: the issuer's code or data; callers are authenticated and
 * authorized by the issuer's authorize endpoint. Serves HTTPS and reaches an https:// issuer with the settings every
 * service reads ({@link dev.mayfly.revocation.RevocationSettings}).
 */
package dev.mayfly.revocation;
