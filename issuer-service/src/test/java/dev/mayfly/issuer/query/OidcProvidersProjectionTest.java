package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.OidcEvents.OidcClientIdAdded;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdRemoved;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderCreated;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderDeleted;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderTagged;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderUntagged;
import dev.mayfly.issuer.api.OidcEvents.OidcThumbprintsUpdated;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcProvidersProjectionTest {

    private static final String URL = "https://token.example.com/tenant";
    private static final OidcProviderRef PROVIDER = OidcProviderRef.ofUrl(ACCOUNT, URL);
    private static final String THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    private static OidcProviderCreated created(OidcProviderRef provider) {
        return new OidcProviderCreated(provider, "https://" + provider.hostAndPath(), List.of("app"), List.of(THUMBPRINT), T);
    }

    private static OidcProviderView provider(OidcProvidersProjection providers) {
        return providers.oidcProvider(PROVIDER).orElseThrow();
    }

    @Test
    void oidcProviderWhenCreatedThenHasItsUrlAudiencesAndThumbprints() {
        assertThat(provider(given(new OidcProvidersProjection(), created(PROVIDER))))
                .isEqualTo(new OidcProviderView(ACCOUNT, PROVIDER.arn(), URL, List.of("app"), List.of(THUMBPRINT), T, Map.of()));
    }

    @Test
    void oidcProviderWhenClientIdsAddedAndOneRemovedThenTheRestInTheOrderAdded() {
        OidcProviderView provider = provider(given(new OidcProvidersProjection(), created(PROVIDER),
                new OidcClientIdAdded(PROVIDER, "cli"), new OidcClientIdAdded(PROVIDER, "batch"), new OidcClientIdRemoved(PROVIDER, "app")));

        assertThat(provider.clientIds()).containsExactly("cli", "batch");
    }

    @Test
    void oidcProviderWhenThumbprintsUpdatedThenHasOnlyTheNewOnes() {
        String other = "a".repeat(40);
        OidcProviderView provider = provider(given(new OidcProvidersProjection(), created(PROVIDER),
                new OidcThumbprintsUpdated(PROVIDER, List.of(other))));

        assertThat(provider.thumbprints()).containsExactly(other);
        assertThat(provider.clientIds()).containsExactly("app");
    }

    @Test
    void oidcProviderWhenTaggedThenUntaggedThenKeepsTheOtherTags() {
        OidcProviderView provider = provider(given(new OidcProvidersProjection(), created(PROVIDER),
                new OidcProviderTagged(PROVIDER, Map.of("Team", "a", "Cost", "1")), new OidcProviderUntagged(PROVIDER, List.of("Cost"))));

        assertThat(provider.tags()).isEqualTo(Map.of("Team", "a"));
    }

    @Test
    void oidcProvidersInWhenOneDeletedThenTheAccountsOthersByArn() {
        OidcProviderRef second = OidcProviderRef.ofUrl(ACCOUNT, "https://accounts.example.com");
        OidcProvidersProjection providers = given(new OidcProvidersProjection(), created(PROVIDER), created(second),
                created(OidcProviderRef.ofUrl(ACCOUNT, "https://zeta.example.com")),
                created(OidcProviderRef.ofUrl(OTHER_ACCOUNT, "https://any.example.com")),
                new OidcProviderDeleted(OidcProviderRef.ofUrl(ACCOUNT, "https://zeta.example.com")));

        assertThat(providers.oidcProvidersIn(ACCOUNT)).extracting(OidcProviderView::arn).containsExactly(second.arn(), PROVIDER.arn());
    }
}
