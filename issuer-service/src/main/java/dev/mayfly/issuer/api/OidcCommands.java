package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on OpenID Connect identity providers. */
public final class OidcCommands {

    private OidcCommands() {
    }

    /** @param url the issuer URL as given (https://...) */
    public record CreateOidcProvider(@TargetAggregateIdentifier OidcProviderRef provider, String url, List<String> clientIds,
                                     List<String> thumbprints, Map<String, String> tags, Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per provider. */
    public record TagOidcProvider(@TargetAggregateIdentifier OidcProviderRef provider, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagOidcProvider(@TargetAggregateIdentifier OidcProviderRef provider, List<String> tagKeys) {
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
