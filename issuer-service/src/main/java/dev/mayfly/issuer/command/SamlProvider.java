package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.SamlCommands.CreateSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.DeleteSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.TagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UntagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UpdateSamlProvider;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderCreated;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderDeleted;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderTagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUntagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUpdated;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.api.Tagging;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A SAML identity provider: its metadata document, replaced by UpdateSAMLProvider, and its tags. */
public class SamlProvider {

    @AggregateIdentifier
    private String id;
    private SamlProviderRef ref;
    private boolean live;
    private Map<String, String> tags = Map.of();

    protected SamlProvider() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateSamlProvider command) {
        if (live) {
            throw IamErrors.entityAlreadyExists("SAMLProvider named " + command.provider().name() + " already exists.");
        }
        apply(new SamlProviderCreated(command.provider(), command.metadataDocument(), command.at()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(TagSamlProvider command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerSamlProvider").ifPresent(additions -> apply(new SamlProviderTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagSamlProvider command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new SamlProviderUntagged(ref, keys)));
    }

    @CommandHandler
    public void handle(UpdateSamlProvider command) {
        requireLive();
        apply(new SamlProviderUpdated(ref, command.metadataDocument(), command.at()));
    }

    @CommandHandler
    public void handle(DeleteSamlProvider command) {
        requireLive();
        apply(new SamlProviderDeleted(ref));
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.noSuchEntity("Manifest not found for arn " + ref.arn());
        }
    }

    @EventSourcingHandler
    void on(SamlProviderCreated event) {
        this.id = event.provider().toString();
        this.ref = event.provider();
        this.live = true;
        this.tags = Map.of();
    }

    @EventSourcingHandler
    void on(SamlProviderTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(SamlProviderUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }

    @EventSourcingHandler
    void on(SamlProviderDeleted event) {
        live = false;
    }
}
