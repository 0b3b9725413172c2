package dev.mayfly.token;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a session token carries. The secret travels only inside the sealed token: whoever can open the
 * token can check the session's signatures without asking the issuer.
 *
 * @param accessKeyId     the session's ASIA... key id
 * @param secretAccessKey the session's secret
 * @param accountId       the account the session acts in
 * @param principalType   what kind of session (assumed role, federated user, user session)
 * @param principalArn    the session's ARN, as GetCallerIdentity reports it
 * @param principalId     the session's unique id (AROA...:session-name), as GetCallerIdentity's UserId
 * @param issuerArn       the role or user the session was issued for
 * @param issuedAt        when it was issued (revocation rules compare against this)
 * @param expiration      when it stops working
 * @param sourceIdentity  the source identity set at issuance, or null
 * @param sessionPolicy   the inline session policy passed at issuance, or null: it bounds every decision for the session
 * @param sessionPolicyArns the managed session policies (PolicyArns) passed at issuance: with the inline one, they bound
 *                        every decision for the session
 * @param tags            the session tags, keys as the caller spelled them (compared without case)
 * @param transitiveTagKeys the tags that a role chained from this session inherits
 * @param mfaAuthenticatedAt when the caller proved possession of an MFA device for this session, or null
 * @param federatedProvider the ARN of the OIDC or SAML provider that vouched for the caller (AssumeRoleWithWebIdentity,
 *                        AssumeRoleWithSAML), or null
 * @param sourceAccessKeyId the long-term (AKIA...) key whose signature started this session, directly or through role
 *                        chaining, or null when none did (web identity, SAML, workloads, tokens sealed before the claim
 *                        existed): a revocation rule that names the key refuses the session too
 */
public record SessionClaims(String accessKeyId, String secretAccessKey, String accountId, PrincipalType principalType,
                            String principalArn, String principalId, String issuerArn, Instant issuedAt,
                            Instant expiration, String sourceIdentity, String sessionPolicy, List<String> sessionPolicyArns,
                            Map<String, String> tags, List<String> transitiveTagKeys, Instant mfaAuthenticatedAt,
                            String federatedProvider, String sourceAccessKeyId) {

    public enum PrincipalType { ASSUMED_ROLE, FEDERATED_USER, IAM_USER_SESSION, ROOT_SESSION }

    public SessionClaims {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiration, "expiration");
        // absent from tokens sealed before these claims existed
        sessionPolicyArns = sessionPolicyArns == null ? List.of() : List.copyOf(sessionPolicyArns);
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        transitiveTagKeys = transitiveTagKeys == null ? List.of() : List.copyOf(transitiveTagKeys);
    }

    /** Claims of a session no long-term key started. */
    public SessionClaims(String accessKeyId, String secretAccessKey, String accountId, PrincipalType principalType,
                         String principalArn, String principalId, String issuerArn, Instant issuedAt, Instant expiration,
                         String sourceIdentity, String sessionPolicy, List<String> sessionPolicyArns, Map<String, String> tags,
                         List<String> transitiveTagKeys, Instant mfaAuthenticatedAt, String federatedProvider) {
        this(accessKeyId, secretAccessKey, accountId, principalType, principalArn, principalId, issuerArn, issuedAt, expiration,
                sourceIdentity, sessionPolicy, sessionPolicyArns, tags, transitiveTagKeys, mfaAuthenticatedAt, federatedProvider, null);
    }

    /** Claims of a session no identity provider vouched for and no long-term key started. */
    public SessionClaims(String accessKeyId, String secretAccessKey, String accountId, PrincipalType principalType,
                         String principalArn, String principalId, String issuerArn, Instant issuedAt, Instant expiration,
                         String sourceIdentity, String sessionPolicy, List<String> sessionPolicyArns, Map<String, String> tags,
                         List<String> transitiveTagKeys, Instant mfaAuthenticatedAt) {
        this(accessKeyId, secretAccessKey, accountId, principalType, principalArn, principalId, issuerArn, issuedAt, expiration,
                sourceIdentity, sessionPolicy, sessionPolicyArns, tags, transitiveTagKeys, mfaAuthenticatedAt, null, null);
    }

    /** Whether any session policy (inline or managed) bounds the session. */
    public boolean hasSessionPolicies() {
        return sessionPolicy != null || !sessionPolicyArns.isEmpty();
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }

    /** Claims never print their secret. */
    @Override
    public String toString() {
        return "SessionClaims[" + accessKeyId + ", " + principalArn + ", expires " + expiration + "]";
    }
}
