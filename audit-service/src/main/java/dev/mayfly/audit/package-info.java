/**
 * The audit service: CloudTrail records projected from mayfly.events into Elasticsearch
 * ({@link dev.mayfly.audit.projection}), read through CloudTrail's API ({@link dev.mayfly.audit.lookup} over
 * {@link dev.mayfly.audit.protocol}), proven complete by signed digests ({@link dev.mayfly.audit.integrity}), and watched
 * as it arrives by the accounts' detections ({@link dev.mayfly.audit.detection}).
 *
 * <p>Owns: the audit indices, the digests and their signing key, the detections' settings and findings. Must not touch: the issuer's code or database; it
 * knows the issuer only through the event contract and the authorize endpoint. Serves HTTPS and reaches an https://
 * issuer with the settings every service reads ({@link dev.mayfly.audit.AuditSettings}).
 */
package dev.mayfly.audit;
