package dev.mayfly.audit.leastprivilege;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.mayfly.audit.protocol.JsonProtocolException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principal a policy is generated for, and which records are its calls: an IAM user's (userIdentity.arn), a
 * role's through every session of it (sessionContext.sessionIssuer.arn, as Access Analyzer covers a role's sessions),
 * or one role session's (userIdentity.arn of the assumed-role ARN: every session that took that name).
 *
 * @param arn       the ARN as given
 * @param accountId the account in the ARN
 * @param kind      what it names
 */
record TrailPrincipal(String arn, String accountId, Kind kind) {

    enum Kind { USER, ROLE, ROLE_SESSION }

    static final int MAX_ARN = 2048;
    private static final Pattern USER_OR_ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):(user|role)/[\\x21-\\x7E]{1,1024}");
    private static final Pattern ROLE_SESSION = Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/[\\w+=,.@-]{1,64}/[\\w+=,.@-]{2,64}");

    /** The principal an ARN names, refused unless it is a user, role or role session of the caller's account. */
    static TrailPrincipal of(String arn, String callerAccount) {
        if (arn == null || arn.isEmpty() || arn.length() > MAX_ARN) {
            throw new JsonProtocolException("ValidationException", "PrincipalArn is required: the ARN of an IAM user, a role or a role session.");
        }
        Matcher userOrRole = USER_OR_ROLE.matcher(arn);
        Matcher session = ROLE_SESSION.matcher(arn);
        TrailPrincipal principal;
        if (userOrRole.matches()) {
            principal = new TrailPrincipal(arn, userOrRole.group(1), userOrRole.group(2).equals("user") ? Kind.USER : Kind.ROLE);
        } else if (session.matches()) {
            principal = new TrailPrincipal(arn, session.group(1), Kind.ROLE_SESSION);
        } else {
            throw new JsonProtocolException("ValidationException", "PrincipalArn must be the ARN of an IAM user (arn:aws:iam::ACCOUNT:user/NAME), "
                    + "a role (arn:aws:iam::ACCOUNT:role/NAME) or a role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).");
        }
        // the trail is read per account: another account's principal is not this caller's to analyze (its calls are
        // in its own account's trail), and the refusal says nothing about whether it exists
        if (!principal.accountId().equals(callerAccount)) {
            throw new JsonProtocolException("ValidationException", "PrincipalArn must name a principal of the caller's account, "
                    + callerAccount + ".");
        }
        return principal;
    }

    /** The filter that selects this principal's calls. */
    Query calls() {
        String field = kind == Kind.ROLE ? "userIdentity.sessionContext.sessionIssuer.arn" : "userIdentity.arn";
        return Query.of(q -> q.term(t -> t.field(field).value(arn)));
    }
}
