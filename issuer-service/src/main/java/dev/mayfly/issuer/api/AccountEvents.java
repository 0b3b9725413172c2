package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;

/** Events of accounts. */
public final class AccountEvents {

    private AccountEvents() {
    }

    public record AccountCreated(AccountId account, String name, String rootAccessKeyId, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    public record StsRegionActivationChanged(AccountId account, String region, boolean active) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }
}
