package dev.mayfly.revocationfeed;

import java.time.Instant;
import java.util.Map;

/**
 * What rules can match on a session.
 *
 * @param accountId      the account the session acts in
 * @param roleArn        the role it was issued for, or null
 * @param principalArn   the session's own ARN
 * @param accessKeyId    the session's access key id
 * @param sourceIdentity its source identity, or null
 * @param sessionTags    its session tags
 * @param issuedAt       when it was issued
 * @param sourceAccessKeyId the long-term key that started the session (directly or through role chaining), or null: a
 *                       rule of the key's own account that names it refuses the session, in whichever account it acts
 */
public record SessionFacts(String accountId, String roleArn, String principalArn, String accessKeyId,
                           String sourceIdentity, Map<String, String> sessionTags, Instant issuedAt, String sourceAccessKeyId) {

    public SessionFacts {
        sessionTags = sessionTags == null ? Map.of() : Map.copyOf(sessionTags);
    }
}
