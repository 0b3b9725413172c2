package dev.mayfly.contract;

import java.time.Instant;

/**
 * A time-based deny rule, the value on {@link Topics#REVOCATIONS} (key: ruleId): every session within
 * the scope that was issued before {@code issuedBefore} is refused.
 *
 * @param ruleId       unique id
 * @param accountId    the account the rule belongs to; it can only touch that account's sessions
 * @param scope        what the target names
 * @param target       the role ARN, principal ARN, access key id, source identity, or account id
 * @param issuedBefore sessions issued strictly before this instant are refused
 * @param createdAt    when the rule was made
 * @param createdBy    the ARN of whoever made it
 * @param reason       why, in the author's words
 * @param expiresAt    when no session the rule can touch can still be alive; the rule costs nothing after it
 */
public record RevocationRule(String ruleId, String accountId, Scope scope, String target, Instant issuedBefore,
                             Instant createdAt, String createdBy, String reason, Instant expiresAt) {

    public enum Scope { ACCOUNT, ROLE, PRINCIPAL, ACCESS_KEY, SOURCE_IDENTITY }
}
