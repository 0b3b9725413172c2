package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on OpenID Connect identity providers. */
public final class OidcCommands {

    private OidcCommands() {
    }

    /** @param url the issuer URL as given (https://...) */
    public record CreateOidcProvider(@TargetAggregateIdentifier OidcProviderRef provider, String url, List<String> clientIds,
                                     List<String> thumbprints, Instant at) {
    }

    public record AddOidcClientId(@TargetAggregateIdentifier OidcProviderRef provider, String clientId) {
    }

    public record RemoveOidcClientId(@TargetAggregateIdentifier OidcProviderRef provider, String clientId) {
    }

    public record UpdateOidcThumbprints(@TargetAggregateIdentifier OidcProviderRef provider, List<String> thumbprints) {
    }

    public record DeleteOidcProvider(@TargetAggregateIdentifier OidcProviderRef provider) {
    }
}
