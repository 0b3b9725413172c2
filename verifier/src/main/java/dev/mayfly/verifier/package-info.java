/**
 * The verifier: for resource servers that accept Mayfly session credentials. It decides locally: the signature (SigV4,
 * header or presigned), expiry, revocation rules (mayfly.revocations: a rule naming the long-term key that started a
 * session refuses the session here too), and the access decision the issuer makes too
 * ({@link dev.mayfly.policy.decision.AccessDecision}, reading the snapshots of mayfly.policies): the session's identity
 * policies within its boundary and session policies, the resource's resource-based policy, and the tenant boundary. A
 * resource belongs to an account: a session of another account is allowed only when its own policies allow and the
 * resource-based policy grants it, and a root session is the root of its own account only. The resource server says
 * which account owns a resource whose ARN names none (arn:aws:s3:::bucket) with a
 * {@link dev.mayfly.policy.decision.Resource}; when it does not, the request is refused rather than its owner guessed.
 * It fails closed when the feeds are older than a bound, and applies only feed records their producer signed (the
 * revocation service's and the issuer's public keys), counting the rest. Long-term access keys are not its to check:
 * their secrets stay in the issuer, whose POST /mayfly/authorize decides for them. It depends on no framework and on no service.
 *
 * <h2>What a verifier holds, and why that is all</h2>
 *
 * A resource server is the part of a deployment most likely to be compromised: there are many, run by other teams, on
 * the request path of the internet. So a verifier holds nothing that mints, alters or opens a session, and nothing that
 * signs for another service:
 * <ul>
 *   <li>the issuer's Ed25519 <em>public</em> keys ({@code keys/issuer-signing.pub}): they check what the issuer signed,
 *       and sign nothing;</li>
 *   <li>its own service credential ({@code ./mayfly service-credential NAME}; the name is the SigV4 service name its
 *       requests are signed for): it proves to the issuer which verifier asks, and so which service's keys it may
 *       have;</li>
 *   <li>what the issuer granted it for each session it was shown ({@link dev.mayfly.verifier.VerifiedSessions}): the
 *       session's claims, signed by the issuer and without the secret, and SigV4's signing key for one day, one region and
 *       this verifier's service. SigV4 derives that key from the secret through HMACs of the day, the region and the
 *       service, in that order: it checks (and could sign) that service's requests of that day and region, and no
 *       other's. The issuer never grants a key for its own services (sts, iam) nor for the audit and revocation
 *       services, so nothing a verifier holds signs an STS or IAM call as the session.</li>
 * </ul>
 * The session token stays the issuer's alone (AES-256-GCM under {@code session-token.keys}, which never leave the
 * issuer): a verifier shows the issuer the token it received (POST /mayfly/session-key) and is told the session. A
 * forged or altered token is refused by the issuer; claims not signed with the issuer's key are refused by the verifier.
 * This is how AWS's own services check SigV4 without holding customers' secrets: a service is handed the derived key
 * of its scope, not the secret.
 *
 * <h2>Cost</h2>
 *
 * The issuer is asked once per session, day and region (concurrent requests of a new session share one question; a
 * refused token is refused again for a minute without asking). Every later request is decided from memory with no
 * network call. Figures: docs/benchmarks.md ("Verifier"). The claims' signatures are Bouncy Castle's Ed25519, about ten
 * times faster than the JDK's here (Ed25519Benchmark). While the issuer cannot be reached, sessions already known keep
 * working and new ones are refused (fail closed).
 *
 * <h2>Upgrading from verifiers that held the token keys</h2>
 *
 * Session tokens did not change: tokens issued before the upgrade are granted like new ones. Give each verifier its own
 * credential and the issuer's public keys instead of the token key file, then delete that file's copies from resource
 * servers (and rotate the token keys, {@code ./mayfly keys rotate}, if a copy may have leaked).
 */
package dev.mayfly.verifier;
