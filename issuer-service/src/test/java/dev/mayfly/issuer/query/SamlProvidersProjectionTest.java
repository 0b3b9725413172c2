package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.TestSamlIdentityProvider;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderCreated;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderDeleted;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderTagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUntagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUpdated;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.query.Views.SamlProviderView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamlProvidersProjectionTest {

    private static final SamlProviderRef CORP = new SamlProviderRef(ACCOUNT, "Corp");
    private static TestSamlIdentityProvider first;
    private static TestSamlIdentityProvider second;

    @BeforeAll
    static void identityProviders() throws Exception {
        first = new TestSamlIdentityProvider("https://idp.example.com/first");
        second = new TestSamlIdentityProvider("https://idp.example.com/second");
    }

    private static SamlProviderCreated created(SamlProviderRef provider) {
        return new SamlProviderCreated(provider, first.metadata(), T);
    }

    private static SamlProviderView corp(SamlProvidersProjection providers) {
        return providers.samlProvider(CORP).orElseThrow();
    }

    @Test
    void samlProviderWhenCreatedThenHasItsMetadataParsed() {
        SamlProviderView corp = corp(given(new SamlProvidersProjection(), created(CORP)));

        assertThat(corp.arn()).isEqualTo("arn:aws:iam::123456789012:saml-provider/Corp");
        assertThat(corp.metadataDocument()).isEqualTo(first.metadata());
        assertThat(corp.metadata().entityId()).isEqualTo(first.entityId());
        assertThat(corp.metadata().signingCertificates()).hasSize(1);
    }

    @Test
    void samlProviderWhenUpdatedThenTrustsTheNewMetadata() {
        SamlProviderView corp = corp(given(new SamlProvidersProjection(), created(CORP),
                new SamlProviderUpdated(CORP, second.metadata(), T.plusSeconds(60))));

        assertThat(corp.metadataDocument()).isEqualTo(second.metadata());
        assertThat(corp.metadata().entityId()).isEqualTo(second.entityId());
    }

    @Test
    void samlProviderWhenTaggedThenUntaggedThenKeepsTheOtherTags() {
        SamlProviderView corp = corp(given(new SamlProvidersProjection(), created(CORP),
                new SamlProviderTagged(CORP, Map.of("Team", "a", "Cost", "1")), new SamlProviderUntagged(CORP, List.of("Cost"))));

        assertThat(corp.tags()).isEqualTo(Map.of("Team", "a"));
    }

    @Test
    void samlProvidersInWhenOneDeletedThenTheAccountsOthersByArn() {
        SamlProviderRef gone = new SamlProviderRef(ACCOUNT, "Old");
        SamlProvidersProjection providers = given(new SamlProvidersProjection(), created(CORP), created(gone),
                created(new SamlProviderRef(ACCOUNT, "Azure")), created(new SamlProviderRef(OTHER_ACCOUNT, "Any")),
                new SamlProviderDeleted(gone));

        assertThat(providers.samlProvider(gone)).isEmpty();
        assertThat(providers.samlProvidersIn(ACCOUNT)).extracting(SamlProviderView::name).containsExactly("Azure", "Corp");
    }
}
