package dev.mayfly.revocation.api;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.contract.RevocationRule;
import java.time.Instant;

/** Events of revocation rules. */
public final class RevocationEvents {

    private RevocationEvents() {
    }

    public record RuleCreated(RevocationRule rule) implements AccountScoped {
        @Override
        public String accountId() {
            return rule.accountId();
        }
    }

    public record RuleLifted(String ruleId, String accountId, String liftedBy, Instant liftedAt) implements AccountScoped {
    }
}
