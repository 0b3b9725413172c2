package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of SAML identity providers. Metadata is public (entity id, certificates), never a secret. */
public final class SamlEvents {

    private SamlEvents() {
    }

    public record SamlProviderCreated(SamlProviderRef provider, String metadataDocument, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record SamlProviderUpdated(SamlProviderRef provider, String metadataDocument, Instant updatedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record SamlProviderDeleted(SamlProviderRef provider) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record SamlProviderTagged(SamlProviderRef provider, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }

    public record SamlProviderUntagged(SamlProviderRef provider, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return provider.account().value();
        }
    }
}
