/**
 * The verifier: for resource servers that accept Mayfly session credentials. It decides locally, with no call to
 * the issuer per request: the signature (SigV4, header or presigned) with the secret sealed in the session token
 * (opened with the token key ring the issuer seals with), expiry, revocation rules (mayfly.revocations: a rule naming
 * the long-term key that started a session refuses the session here too), and the access decision the issuer makes too
 * ({@link dev.mayfly.policy.decision.AccessDecision}, reading the snapshots of mayfly.policies): the session's identity
 * policies within its boundary and session policies, the resource's resource-based policy, and the tenant boundary. A
 * resource belongs to an account: a session of another account is allowed only when its own policies allow and the
 * resource-based policy grants it, and a root session is the root of its own account only. The resource server says
 * which account owns a resource whose ARN names none (arn:aws:s3:::bucket) with a
 * {@link dev.mayfly.policy.decision.Resource}; when it does not, the request is refused rather than its owner guessed.
 * It fails closed when the feeds are older than a bound. Long-term access keys are not its to check: their secrets stay
 * in the issuer, whose POST /mayfly/authorize decides for them. It depends on no framework and on no service.
 */
package dev.mayfly.verifier;
