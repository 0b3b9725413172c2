package dev.mayfly.revocation.query;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import dev.mayfly.runtime.AwsServiceException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules in force, by id, as the event store holds them: every change applied in the store's order, from its tail,
 * whichever revocation service committed it.
 */
public final class RuleDirectory {

    /**
     * The most rules in force one account may hold. Every issuer and verifier of the deployment keeps every rule in
     * memory, so one tenant creating rules in a loop (each lives up to 36 hours) would otherwise exhaust what all
     * tenants share; ten thousand leaves room for any incident (one rule can name a role, an account, a source
     * identity or a tag, and so any number of sessions).
     */
    public static final int MAX_RULES_PER_ACCOUNT = 10_000;

    private final Map<String, RevocationRule> rules = new ConcurrentHashMap<>();
    private final Map<String, Integer> rulesByAccount = new ConcurrentHashMap<>();
    private final int maxRulesPerAccount;

    public RuleDirectory() {
        this(MAX_RULES_PER_ACCOUNT);
    }

    RuleDirectory(int maxRulesPerAccount) {
        this.maxRulesPerAccount = maxRulesPerAccount;
    }

    /** Applies a change of the event store, in the store's order (from its tail, on one thread). */
    public void apply(Object event) {
        switch (event) {
            case RuleCreated e -> {
                if (rules.put(e.rule().ruleId(), e.rule()) == null) {
                    rulesByAccount.merge(e.rule().accountId(), 1, Integer::sum);
                }
            }
            case RuleLifted e -> {
                RevocationRule lifted = rules.remove(e.ruleId());
                if (lifted != null) {
                    rulesByAccount.computeIfPresent(lifted.accountId(), (account, count) -> count == 1 ? null : count - 1);
                }
            }
            default -> {
                // not a rule event
            }
        }
    }

    /**
     * @throws AwsServiceException LimitExceededException when the account holds as many rules in force as it may
     * (creations racing on several revocation services may pass it by the few in flight at once)
     */
    public void requireRoomForAnotherRule(String accountId) {
        if (rulesByAccount.getOrDefault(accountId, 0) >= maxRulesPerAccount) {
            throw new AwsServiceException("LimitExceededException", "The account holds " + maxRulesPerAccount
                    + " rules in force, as many as it may: lift rules it no longer needs, or wait for rules to expire.", 400);
        }
    }

    public Optional<RevocationRule> rule(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    /** Every rule in force. */
    public List<RevocationRule> all() {
        return List.copyOf(rules.values());
    }

    /** An account's rules, newest first. */
    public List<RevocationRule> rulesOf(String accountId) {
        return rules.values().stream().filter(rule -> rule.accountId().equals(accountId))
                .sorted(Comparator.comparing(RevocationRule::createdAt).reversed()).toList();
    }
}
