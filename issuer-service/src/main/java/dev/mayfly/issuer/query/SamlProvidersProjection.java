package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderCreated;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderDeleted;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderTagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUntagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUpdated;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.query.Views.SamlProviderView;
import dev.mayfly.issuer.saml.SamlMetadata;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SAML identity providers: their metadata as registered and as parsed once (signing certificates, ...), and tags. */
final class SamlProvidersProjection implements Projection {

    private final ViewMap<SamlProviderView> samlProviders = new ViewMap<>(SamlProviderView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(SamlProviderCreated.class, this::on)
                .on(SamlProviderUpdated.class, this::on)
                .on(SamlProviderTagged.class, this::on)
                .on(SamlProviderUntagged.class, this::on)
                .on(SamlProviderDeleted.class, this::on);
    }

    void on(SamlProviderCreated e) {
        samlProviders.put(e.provider(), new SamlProviderView(e.provider().account(), e.provider().name(), e.provider().arn(),
                e.metadataDocument(), SamlMetadata.parse(e.metadataDocument()), e.createdAt(), Map.of()));
    }

    void on(SamlProviderUpdated e) {
        samlProviders.update(e.provider(), p -> p.withMetadata(e.metadataDocument(), SamlMetadata.parse(e.metadataDocument())));
    }

    void on(SamlProviderTagged e) {
        samlProviders.update(e.provider(), p -> p.withTags(Tagging.merged(p.tags(), e.tags())));
    }

    void on(SamlProviderUntagged e) {
        samlProviders.update(e.provider(), p -> p.withTags(Tagging.without(p.tags(), e.tagKeys())));
    }

    void on(SamlProviderDeleted e) {
        samlProviders.remove(e.provider());
    }

    Optional<SamlProviderView> samlProvider(SamlProviderRef provider) {
        return samlProviders.get(provider);
    }

    List<SamlProviderView> samlProvidersIn(AccountId account) {
        return samlProviders.in(account, Comparator.comparing(SamlProviderView::arn));
    }

    Map<String, SamlProviderView> saved() {
        return samlProviders.saved();
    }

    void restore(Map<String, SamlProviderView> saved) {
        samlProviders.restore(saved);
    }
}
