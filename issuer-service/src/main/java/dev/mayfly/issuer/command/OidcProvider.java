package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.OidcCommands.TagOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.UntagOidcProvider;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderTagged;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderUntagged;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.api.OidcCommands.AddOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.CreateOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.DeleteOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.RemoveOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.UpdateOidcThumbprints;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdAdded;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdRemoved;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderCreated;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderDeleted;
import dev.mayfly.issuer.api.OidcEvents.OidcThumbprintsUpdated;
import dev.mayfly.issuer.api.OidcProviderRef;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An OpenID Connect identity provider: the audiences (client ids) whose tokens it vouches for, at most 100, and the
 * thumbprints of the certificates that may serve its keys, at most 5, and its tags. Adding a client id twice, or removing one that
 * is not there, changes nothing, as IAM answers both with success.
 */
public class OidcProvider {

    static final int MAX_CLIENT_IDS = 100;
    static final int MAX_THUMBPRINTS = 5;

    @AggregateIdentifier
    private String id;
    private OidcProviderRef ref;
    private boolean live;
    private final Set<String> clientIds = new LinkedHashSet<>();
    private Map<String, String> tags = Map.of();

    protected OidcProvider() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateOidcProvider command) {
        if (live) {
            throw IamErrors.entityAlreadyExists("Provider with url " + command.url() + " already exists.");
        }
        requireWithinLimits(command.clientIds().size(), command.thumbprints().size());
        apply(new OidcProviderCreated(command.provider(), command.url(), command.clientIds(), command.thumbprints(), command.at()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(TagOidcProvider command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerOpenIdConnectProvider").ifPresent(additions -> apply(new OidcProviderTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagOidcProvider command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new OidcProviderUntagged(ref, keys)));
    }

    @CommandHandler
    public void handle(AddOidcClientId command) {
        requireLive();
        if (!clientIds.contains(command.clientId())) {
            requireWithinLimits(clientIds.size() + 1, 0);
            apply(new OidcClientIdAdded(ref, command.clientId()));
        }
    }

    @CommandHandler
    public void handle(RemoveOidcClientId command) {
        requireLive();
        if (clientIds.contains(command.clientId())) {
            apply(new OidcClientIdRemoved(ref, command.clientId()));
        }
    }

    @CommandHandler
    public void handle(UpdateOidcThumbprints command) {
        requireLive();
        requireWithinLimits(0, command.thumbprints().size());
        apply(new OidcThumbprintsUpdated(ref, command.thumbprints()));
    }

    @CommandHandler
    public void handle(DeleteOidcProvider command) {
        requireLive();
        apply(new OidcProviderDeleted(ref));
    }

    private static void requireWithinLimits(int clientIdCount, int thumbprintCount) {
        if (clientIdCount > MAX_CLIENT_IDS) {
            throw IamErrors.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
        }
        if (thumbprintCount > MAX_THUMBPRINTS) {
            throw IamErrors.limitExceeded("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: " + MAX_THUMBPRINTS);
        }
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.noSuchEntity("OpenIDConnect Provider not found for arn " + ref.arn());
        }
    }

    @EventSourcingHandler
    void on(OidcProviderCreated event) {
        this.id = event.provider().toString();
        this.ref = event.provider();
        this.live = true;
        clientIds.clear();
        clientIds.addAll(event.clientIds());
        tags = Map.of();
    }

    @EventSourcingHandler
    void on(OidcProviderTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(OidcProviderUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }

    @EventSourcingHandler
    void on(OidcClientIdAdded event) {
        clientIds.add(event.clientId());
    }

    @EventSourcingHandler
    void on(OidcClientIdRemoved event) {
        clientIds.remove(event.clientId());
    }

    @EventSourcingHandler
    void on(OidcProviderDeleted event) {
        live = false;
    }
}
