/**
 * Rules the audit's detections ask for ({@link dev.mayfly.contract.DetectionResponse} on mayfly.detections): taken only
 * when the audit service signed them, checked as a tenant's own request is (a target of the finding's account only),
 * made through the same command as POST /rules, and recorded in the account's trail as a CreateRule by the
 * detections.mayfly service principal, with the finding as the rule's reason.
 *
 * <p>Owns: its consumer group on mayfly.detections. Must not touch: anything of the audit but its public keys.
 */
package dev.mayfly.revocation.detection;
