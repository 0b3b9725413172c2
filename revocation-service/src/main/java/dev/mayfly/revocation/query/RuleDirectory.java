package dev.mayfly.revocation.query;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.mayfly.eventstore.UnitsOfWork;
import org.axonframework.eventhandling.EventHandler;

/** The rules in force, by id; changes are applied once their transaction committed. */
public final class RuleDirectory {

    private final Map<String, RevocationRule> rules = new ConcurrentHashMap<>();

    @EventHandler
    void on(Object event) {
        UnitsOfWork.afterCommit(() -> apply(event));
    }

    public void apply(Object event) {
        switch (event) {
            case RuleCreated e -> rules.put(e.rule().ruleId(), e.rule());
            case RuleLifted e -> rules.remove(e.ruleId());
            default -> {
                // not a rule event
            }
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
