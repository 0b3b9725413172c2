package dev.mayfly.revocation.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.AccessKeyIds;
import dev.mayfly.contract.RevocationRule.Kind;
import dev.mayfly.contract.RevocationRule.Scope;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request for a rule: {"Scope": "Role", "Target": "arn:aws:iam::...:role/R", "IssuedBefore": "...", "Reason": "..."}
 * revokes; {"Kind": "Quarantine", "Scope": "Role" or "Principal", "Target": ..., "Until": "...", "Reason": "..."}
 * refuses new sessions until then. A target that names an account (an ARN, the account itself, or an access key id,
 * which carries its account) must name the caller's. A rule that could never take effect is refused, never stored.
 *
 * @param issuedBefore for a quarantine, its end
 */
public record CreateRuleRequest(Kind kind, Scope scope, String target, Instant issuedBefore, String reason) {

    /** The longest a quarantine may be set for at once: a week. */
    static final long LONGEST_QUARANTINE_SECONDS = 7 * 86_400;

    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:aws:(?:iam|sts)::(\\d{12}):.+");
    /** The longest a session can live (GetSessionToken's 36 hours): a rule further ahead is a mistake. */
    static final long LONGEST_SESSION_SECONDS = 129_600;

    /** The request's members: each, when present, is a string. */
    private static final List<String> MEMBERS = List.of("Kind", "Scope", "Target", "IssuedBefore", "Until", "Reason");

    public static CreateRuleRequest from(JsonNode body, String callerAccount, Instant now) {
        for (String member : MEMBERS) {
            JsonNode value = body.get(member);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw invalid(member + " must be a string.");
            }
        }
        Kind kind = kind(body.path("Kind").asText("Revoke"));
        Scope scope = scope(body.path("Scope").asText(""));
        if (kind == Kind.QUARANTINE && scope != Scope.PRINCIPAL && scope != Scope.ROLE) {
            throw invalid("A quarantine names a Principal or a Role.");
        }
        String target = body.path("Target").asText("");
        if (target.isEmpty() || target.length() > 2048) {
            throw invalid("Target is required (at most 2048 characters).");
        }
        switch (scope) {
            case ACCOUNT -> {
                if (!target.equals(callerAccount)) {
                    throw new AwsServiceException("AccessDeniedException", "A rule can only name the caller's own account.", 403);
                }
            }
            case ROLE -> {
                if (!target.matches("arn:aws:iam::\\d{12}:role/.+")) {
                    throw invalid("Target must be a role ARN for scope Role.");
                }
                requireOwnAccount(target, callerAccount);
            }
            case PRINCIPAL -> requireOwnAccount(target, callerAccount);
            case ACCESS_KEY -> {
                if (!target.matches("(AKIA|ASIA)[A-Z2-7]{16}")) {
                    throw invalid("Target must be an access key id for scope AccessKey.");
                }
                // the index looks a key's rules up under the account its id carries: any other rule would never match
                if (!AccessKeyIds.accountOf(target).filter(callerAccount::equals).isPresent()) {
                    throw invalid("Target must be an access key id of this account for scope AccessKey: a rule can only "
                            + "refuse the account's own keys and the sessions they started.");
                }
            }
            case SOURCE_IDENTITY -> {
                if (!target.matches("[\\w+=,.@-]{2,64}")) {
                    throw invalid("Target must be a source identity for scope SourceIdentity.");
                }
            }
            case SESSION_TAG -> {
                int eq = target.indexOf('=');
                if (eq < 1 || eq > 128 || target.length() - eq - 1 > 256) {
                    throw invalid("Target must be a session tag, key=value, for scope SessionTag.");
                }
                target = RevocationRule.sessionTagTarget(target.substring(0, eq), target.substring(eq + 1));
            }
        }
        String reason = body.path("Reason").asText("");
        if (reason.length() > 1024) {
            throw invalid("Reason is at most 1024 characters.");
        }
        if (kind == Kind.QUARANTINE) {
            return new CreateRuleRequest(kind, scope, target, until(body, now), reason);
        }
        Instant issuedBefore = now;
        if (body.hasNonNull("IssuedBefore")) {
            try {
                issuedBefore = Instant.parse(body.get("IssuedBefore").asText());
            } catch (DateTimeParseException e) {
                throw invalid("IssuedBefore must be an ISO-8601 instant, for example 2026-01-01T00:00:00Z.");
            }
            if (issuedBefore.isAfter(now.plusSeconds(LONGEST_SESSION_SECONDS))) {
                throw invalid("IssuedBefore may be at most 36 hours ahead.");
            }
            // the rule would expire before it is made: every session it names has expired already
            if (!issuedBefore.plusSeconds(LONGEST_SESSION_SECONDS).isAfter(now)) {
                throw invalid("IssuedBefore may be at most 36 hours ago: every session issued before then has expired.");
            }
        }
        return new CreateRuleRequest(kind, scope, target, issuedBefore, reason);
    }

    /** When a quarantine ends: required, ahead, at most a week ahead. */
    private static Instant until(JsonNode body, Instant now) {
        Instant until;
        try {
            until = Instant.parse(body.path("Until").asText(""));
        } catch (DateTimeParseException e) {
            throw invalid("Until is required for a quarantine: an ISO-8601 instant, for example 2026-01-01T00:00:00Z.");
        }
        if (!until.isAfter(now) || until.isAfter(now.plusSeconds(LONGEST_QUARANTINE_SECONDS))) {
            throw invalid("Until must be ahead, by at most a week.");
        }
        return until;
    }

    /** When no session the rule can touch can still be alive: a revocation's sessions live at most 36 hours. */
    public Instant expiresAt() {
        return kind == Kind.QUARANTINE ? issuedBefore : issuedBefore.plusSeconds(LONGEST_SESSION_SECONDS);
    }

    static String name(Kind kind) {
        return kind == Kind.QUARANTINE ? "Quarantine" : "Revoke";
    }

    private static Kind kind(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "revoke" -> Kind.REVOKE;
            case "quarantine" -> Kind.QUARANTINE;
            default -> throw invalid("Kind must be Revoke or Quarantine.");
        };
    }

    /** A scope as the API spells it, in requests and answers alike. */
    static String name(Scope scope) {
        return switch (scope) {
            case ACCOUNT -> "Account";
            case ROLE -> "Role";
            case PRINCIPAL -> "Principal";
            case ACCESS_KEY -> "AccessKey";
            case SOURCE_IDENTITY -> "SourceIdentity";
            case SESSION_TAG -> "SessionTag";
        };
    }

    private static Scope scope(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "account" -> Scope.ACCOUNT;
            case "role" -> Scope.ROLE;
            case "principal" -> Scope.PRINCIPAL;
            case "accesskey" -> Scope.ACCESS_KEY;
            case "sourceidentity" -> Scope.SOURCE_IDENTITY;
            case "sessiontag" -> Scope.SESSION_TAG;
            default -> throw invalid("Scope must be one of Account, Role, Principal, AccessKey, SourceIdentity, SessionTag.");
        };
    }

    private static void requireOwnAccount(String arn, String callerAccount) {
        Matcher m = ARN_ACCOUNT.matcher(arn);
        if (!m.matches()) {
            throw invalid("Target must be an IAM or STS ARN.");
        }
        if (!m.group(1).equals(callerAccount)) {
            throw new AwsServiceException("AccessDeniedException", "A rule can only name principals of the caller's own account.", 403);
        }
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException("ValidationException", message, 400);
    }
}
