package dev.mayfly.revocationfeed;

import dev.mayfly.contract.AccessKeyIds;
import dev.mayfly.contract.RevocationRule.Kind;
import dev.mayfly.contract.RevocationRule.Scope;
import dev.mayfly.contract.RevocationRule;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules in force, by scope and target. A session is refused when a rule of its own account names it
 * (by account, role, principal, access key, source identity or one of its session tags) and was set for a time after the
 * session was issued. A rule that names a long-term key (AKIA...) refuses the key itself, counted as issued when it was
 * created, and every session the key started, whichever account the session acts in: such a rule belongs to the key's
 * own account (its id says which).
 */
public final class RevocationIndex {

    private final Map<String, RevocationRule> byId = new ConcurrentHashMap<>();
    private final Map<Target, Map<String, RevocationRule>> byTarget = new ConcurrentHashMap<>();

    /**
     * What a rule names, as a key: a record rather than a string joined per lookup, so that a lookup (several per
     * decision) hashes the session's own strings, whose hashes they keep, instead of a new string each time.
     */
    private record Target(String accountId, Scope scope, String target) {
    }

    /** @throws IllegalArgumentException for a rule that lacks what a decision reads: it is not taken */
    public void put(RevocationRule rule) {
        if (rule.ruleId() == null || rule.accountId() == null || rule.scope() == null || rule.target() == null
                || rule.issuedBefore() == null) {
            throw new IllegalArgumentException("a rule without an id, account, scope, target or time");
        }
        remove(rule.ruleId());
        byId.put(rule.ruleId(), rule);
        byTarget.computeIfAbsent(key(rule.accountId(), rule.scope(), rule.target()), k -> new ConcurrentHashMap<>())
                .put(rule.ruleId(), rule);
    }

    public void remove(String ruleId) {
        RevocationRule previous = byId.remove(ruleId);
        if (previous != null) {
            Map<String, RevocationRule> rules = byTarget.get(key(previous.accountId(), previous.scope(), previous.target()));
            if (rules != null) {
                rules.remove(ruleId);
            }
        }
    }

    /** The rule that refuses this session, if any. */
    public Optional<RevocationRule> denying(SessionFacts session) {
        Optional<RevocationRule> rule = match(session, Scope.ACCOUNT, session.accountId());
        if (rule.isEmpty()) {
            rule = match(session, Scope.ROLE, session.roleArn());
        }
        if (rule.isEmpty()) {
            rule = match(session, Scope.PRINCIPAL, session.principalArn());
        }
        if (rule.isEmpty()) {
            rule = match(session, Scope.ACCESS_KEY, session.accessKeyId());
        }
        if (rule.isEmpty() && session.sourceAccessKeyId() != null) {
            rule = denyingLongTermKey(session.sourceAccessKeyId(), session.issuedAt());
        }
        if (rule.isEmpty()) {
            rule = match(session, Scope.SOURCE_IDENTITY, session.sourceIdentity());
        }
        for (Map.Entry<String, String> tag : session.sessionTags().entrySet()) {
            if (rule.isPresent()) {
                break;
            }
            rule = match(session, Scope.SESSION_TAG, RevocationRule.sessionTagTarget(tag.getKey(), tag.getValue()));
        }
        return rule;
    }

    /**
     * The rule that refuses a long-term key (and so whatever it signs or started), if any.
     *
     * @param issuedAt when the key was created, or when a session it started was issued
     */
    public Optional<RevocationRule> denyingLongTermKey(String accessKeyId, Instant issuedAt) {
        return AccessKeyIds.accountOf(accessKeyId).flatMap(account -> match(account, Scope.ACCESS_KEY, accessKeyId, issuedAt));
    }

    public int size() {
        return byId.size();
    }

    private Optional<RevocationRule> match(SessionFacts session, Scope scope, String target) {
        return match(session.accountId(), scope, target, session.issuedAt());
    }

    private Optional<RevocationRule> match(String accountId, Scope scope, String target, Instant issuedAt) {
        if (target == null) {
            return Optional.empty();
        }
        Map<String, RevocationRule> rules = byTarget.get(key(accountId, scope, target));
        if (rules == null) {
            return Optional.empty();
        }
        for (RevocationRule rule : rules.values()) {
            if (rule.kind() == Kind.REVOKE && issuedAt.isBefore(rule.issuedBefore())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The quarantine that forbids issuing a session now to any of these principals or for any of these roles (their
     * ARNs, in this account), if any.
     */
    public Optional<RevocationRule> quarantining(String accountId, Collection<String> arns, Instant now) {
        for (String arn : arns) {
            for (Scope scope : new Scope[] {Scope.PRINCIPAL, Scope.ROLE}) {
                Map<String, RevocationRule> rules = byTarget.get(key(accountId, scope, arn));
                Optional<RevocationRule> quarantine = rules == null ? Optional.empty() : rules.values().stream()
                        .filter(rule -> rule.kind() == Kind.QUARANTINE && now.isBefore(rule.issuedBefore())).findFirst();
                if (quarantine.isPresent()) {
                    return quarantine;
                }
            }
        }
        return Optional.empty();
    }

    private static Target key(String accountId, Scope scope, String target) {
        return new Target(accountId, scope, target);
    }
}
