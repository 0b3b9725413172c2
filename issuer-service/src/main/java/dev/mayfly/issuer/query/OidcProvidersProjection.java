package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdAdded;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdRemoved;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderCreated;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderDeleted;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderTagged;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderUntagged;
import dev.mayfly.issuer.api.OidcEvents.OidcThumbprintsUpdated;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OpenID Connect identity providers: their client ids (audiences, in the order added), thumbprints and tags. */
final class OidcProvidersProjection implements Projection {

    private final ViewMap<OidcProviderView> oidcProviders = new ViewMap<>(OidcProviderView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(OidcProviderCreated.class, this::on)
                .on(OidcClientIdAdded.class, this::on)
                .on(OidcClientIdRemoved.class, this::on)
                .on(OidcThumbprintsUpdated.class, this::on)
                .on(OidcProviderTagged.class, this::on)
                .on(OidcProviderUntagged.class, this::on)
                .on(OidcProviderDeleted.class, this::on);
    }

    void on(OidcProviderCreated e) {
        oidcProviders.put(e.provider(), new OidcProviderView(e.provider().account(), e.provider().arn(), e.url(),
                List.copyOf(e.clientIds()), List.copyOf(e.thumbprints()), e.createdAt(), Map.of()));
    }

    void on(OidcClientIdAdded e) {
        oidcProviders.update(e.provider(), p -> {
            List<String> clientIds = new ArrayList<>(p.clientIds());
            clientIds.add(e.clientId());
            return p.with(List.copyOf(clientIds), p.thumbprints());
        });
    }

    void on(OidcClientIdRemoved e) {
        oidcProviders.update(e.provider(), p ->
                p.with(p.clientIds().stream().filter(id -> !id.equals(e.clientId())).toList(), p.thumbprints()));
    }

    void on(OidcThumbprintsUpdated e) {
        oidcProviders.update(e.provider(), p -> p.with(p.clientIds(), List.copyOf(e.thumbprints())));
    }

    void on(OidcProviderTagged e) {
        oidcProviders.update(e.provider(), p -> p.withTags(Tagging.merged(p.tags(), e.tags())));
    }

    void on(OidcProviderUntagged e) {
        oidcProviders.update(e.provider(), p -> p.withTags(Tagging.without(p.tags(), e.tagKeys())));
    }

    void on(OidcProviderDeleted e) {
        oidcProviders.remove(e.provider());
    }

    Optional<OidcProviderView> oidcProvider(OidcProviderRef provider) {
        return oidcProviders.get(provider);
    }

    List<OidcProviderView> oidcProvidersIn(AccountId account) {
        return oidcProviders.in(account, Comparator.comparing(OidcProviderView::arn));
    }

    Map<String, OidcProviderView> saved() {
        return oidcProviders.saved();
    }

    void restore(Map<String, OidcProviderView> saved) {
        oidcProviders.restore(saved);
    }
}
