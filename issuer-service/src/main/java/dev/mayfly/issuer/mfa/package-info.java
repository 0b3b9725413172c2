/**
 * Virtual MFA devices at work: checking one-time codes against a device's sealed seed (with the device's clock drift
 * and replay protection through its aggregate), and the QR code an authenticator app scans. Owns no state of its own;
 * must not reach the HTTP protocol.
 */
package dev.mayfly.issuer.mfa;
