package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on SAML identity providers; metadata documents have been checked before a command carries them. */
public final class SamlCommands {

    private SamlCommands() {
    }

    public record CreateSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider, String metadataDocument, Map<String, String> tags,
                                     Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per provider. */
    public record TagSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider, List<String> tagKeys) {
    }

    public record UpdateSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider, String metadataDocument, Instant at) {
    }

    public record DeleteSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider) {
    }
}
