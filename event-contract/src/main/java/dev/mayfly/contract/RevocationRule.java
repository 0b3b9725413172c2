package dev.mayfly.contract;

import java.time.Instant;

/**
 * A time-based deny rule, the value on {@link Topics#REVOCATIONS} (key: ruleId). A revocation refuses every session
 * within the scope that was issued before {@code issuedBefore}; a quarantine refuses to issue new sessions to the
 * principal or for the role it names until {@code issuedBefore}, leaving live sessions alone.
 *
 * @param ruleId       unique id
 * @param accountId    the account the rule belongs to; it can only touch that account's sessions
 * @param scope        what the target names
 * @param target       the role ARN, principal ARN, access key id, source identity, account id, or session tag
 *                     ("key=value", the key in lower case: tag keys compare without regard to case)
 * @param issuedBefore sessions issued strictly before this instant are refused (a quarantine: no session is issued before it)
 * @param createdAt    when the rule was made
 * @param createdBy    the ARN of whoever made it
 * @param reason       why, in the author's words
 * @param expiresAt    when no session the rule can touch can still be alive (a quarantine: its end); the rule costs
 *                     nothing after it
 * @param kind         what the rule does; rules published before kinds existed are revocations
 */
public record RevocationRule(String ruleId, String accountId, Scope scope, String target, Instant issuedBefore,
                             Instant createdAt, String createdBy, String reason, Instant expiresAt, Kind kind) {

    public RevocationRule {
        kind = kind == null ? Kind.REVOKE : kind;
    }

    public enum Kind { REVOKE, QUARANTINE }

    public enum Scope { ACCOUNT, ROLE, PRINCIPAL, ACCESS_KEY, SOURCE_IDENTITY, SESSION_TAG }

    /** A session tag as a SESSION_TAG rule names it. */
    public static String sessionTagTarget(String key, String value) {
        return key.toLowerCase(java.util.Locale.ROOT) + "=" + value;
    }
}
