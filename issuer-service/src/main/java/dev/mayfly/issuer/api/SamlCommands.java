package dev.mayfly.issuer.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on SAML identity providers; metadata documents have been checked before a command carries them. */
public final class SamlCommands {

    private SamlCommands() {
    }

    public record CreateSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider, String metadataDocument, Instant at) {
    }

    public record UpdateSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider, String metadataDocument, Instant at) {
    }

    public record DeleteSamlProvider(@TargetAggregateIdentifier SamlProviderRef provider) {
    }
}
