/**
 * Streaming detections: the saved security queries ({@link dev.mayfly.audit.search.SecurityQueries}) evaluated
 * continuously over mayfly.events, per account, as the account's settings say ({@link dev.mayfly.audit.detection.DetectionSettings}).
 * A detection that fires makes a finding, stored under an id derived from the records that caused it
 * ({@link dev.mayfly.audit.detection.FindingStore}), and, when the account asked for one, a response (a quarantine or a
 * revocation of the principal) published signed on mayfly.detections, from which the revocation service makes the rule.
 *
 * <p>Owns: the findings and settings indices, and the detections' consumer group. What it keeps in memory is bounded
 * per account and for all accounts ({@link dev.mayfly.audit.detection.AccountWindows}): a tenant cannot grow it without end.
 */
package dev.mayfly.audit.detection;
