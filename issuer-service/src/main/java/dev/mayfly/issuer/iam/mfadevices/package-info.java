/**
 * IAM virtual MFA devices: create (the seed is shown once), enable, resync, deactivate, delete, list and tag, served by
 * {@link dev.mayfly.issuer.iam.mfadevices.MfaDeviceActions}. Codes are checked by {@link dev.mayfly.issuer.mfa.MfaVerifier}.
 *
 * <p>Owns: the actions whose resource is an MFA device. Must not touch: the other IAM resource packages or STS; a
 * seed never reaches a log, an event or an audit record.
 */
package dev.mayfly.issuer.iam.mfadevices;
