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

    /** A root access key added after the account's first (whose id AccountCreated carries); its secret is in the vault. */
    public record RootAccessKeyCreated(AccountId account, String accessKeyId, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    public record RootAccessKeyStatusChanged(AccountId account, String accessKeyId, boolean active, Instant changedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    public record RootAccessKeyDeleted(AccountId account, String accessKeyId, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    /** The account's alias, which its sign-in URL would carry in AWS; one per account. */
    public record AccountAliasSet(AccountId account, String alias) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    public record AccountAliasRemoved(AccountId account, String alias) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    /**
     * The account's principals may ask for web identity tokens, which its issuer (this id, in the issuer URL) signs; the
     * issuer's discovery documents are served from now on, and stay served once disabled, for the tokens already issued.
     */
    public record OutboundWebIdentityFederationEnabled(AccountId account, String issuerId) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    public record OutboundWebIdentityFederationDisabled(AccountId account, String issuerId) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    /** An alias taken by an account: no other account may set it until it is released. */
    public record AccountAliasClaimed(AccountAliasRef alias, AccountId account) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }

    public record AccountAliasReleased(AccountAliasRef alias, AccountId account) implements AccountScoped {
        @Override
        public String accountId() {
            return account.value();
        }
    }
}
