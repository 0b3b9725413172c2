package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;

/** Events of OpenID Connect identity providers. */
public final class OidcEvents {

    private OidcEvents() {
    }

    public record OidcProviderCreated(OidcProviderRef provider, String url, List<String> clientIds, List<String> thumbprints,
                                      Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record OidcClientIdAdded(OidcProviderRef provider, String clientId) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record OidcClientIdRemoved(OidcProviderRef provider, String clientId) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record OidcThumbprintsUpdated(OidcProviderRef provider, List<String> thumbprints) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record OidcProviderDeleted(OidcProviderRef provider) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }
}
