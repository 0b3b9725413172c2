/**
 * The verifier: for resource servers that accept Mayfly session credentials. It decides locally, with no call to
 * the issuer per request: the signature (SigV4, header or presigned) with the secret sealed in the session token
 * (opened with the token key ring the issuer seals with), expiry, revocation rules (mayfly.revocations: a rule naming
 * the long-term key that started a session refuses the session here too), and the
 * session's identity policies within its boundary and session policies (mayfly.policies). It fails closed when those
 * feeds are older than a bound, and applies only feed records their producer signed (the revocation service's and the
 * issuer's public keys), counting the rest. Long-term access keys are not its to check: their secrets stay in the issuer, whose
 * POST /mayfly/authorize decides for them. It depends on no framework and on no service.
 */
package dev.mayfly.verifier;
