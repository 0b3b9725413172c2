package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    public record OidcProviderTagged(OidcProviderRef provider, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record OidcProviderUntagged(OidcProviderRef provider, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }
}
