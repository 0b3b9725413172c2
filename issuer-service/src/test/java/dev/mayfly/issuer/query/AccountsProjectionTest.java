package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationDisabled;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationEnabled;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.OutboundFederation;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsProjectionTest {

    private static final AccountCreated CREATED = new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T);

    @Test
    void accountWhenCreatedThenStsIsActiveEverywhere() {
        AccountsProjection accounts = given(new AccountsProjection(), CREATED);

        assertThat(accounts.account(ACCOUNT)).contains(new AccountView(ACCOUNT, "dev", T, Set.of(), null, null));
        assertThat(accounts.accountIds()).containsExactly(ACCOUNT);
    }

    @Test
    void accountWhenStsDeactivatedInTwoRegionsThenBothAreInactive() {
        AccountsProjection accounts = given(new AccountsProjection(), CREATED,
                new StsRegionActivationChanged(ACCOUNT, "eu-west-1", false), new StsRegionActivationChanged(ACCOUNT, "ap-south-1", false));

        assertThat(accounts.account(ACCOUNT).orElseThrow().inactiveStsRegions()).containsExactlyInAnyOrder("eu-west-1", "ap-south-1");
    }

    @Test
    void accountWhenStsReactivatedInARegionThenOnlyTheOthersStayInactive() {
        AccountsProjection accounts = given(new AccountsProjection(), CREATED,
                new StsRegionActivationChanged(ACCOUNT, "eu-west-1", false), new StsRegionActivationChanged(ACCOUNT, "ap-south-1", false),
                new StsRegionActivationChanged(ACCOUNT, "eu-west-1", true));

        assertThat(accounts.account(ACCOUNT).orElseThrow().inactiveStsRegions()).containsExactly("ap-south-1");
    }

    @Test
    void accountWhenRegionChangedInAnUnknownAccountThenNoAccountAppears() {
        AccountsProjection accounts = given(new AccountsProjection(), CREATED,
                new StsRegionActivationChanged(OTHER_ACCOUNT, "eu-west-1", false));

        assertThat(accounts.account(OTHER_ACCOUNT)).isEmpty();
        assertThat(accounts.accountIds()).containsExactly(ACCOUNT);
    }

    @Test
    void byOutboundIssuerWhenEnabledThenDisabledThenStillFoundAndRestoredFromASnapshot() {
        AccountsProjection accounts = given(new AccountsProjection(), CREATED,
                new AccountCreated(OTHER_ACCOUNT, "other", "AKIAROOT000000000002", T),
                new OutboundWebIdentityFederationEnabled(ACCOUNT, "issuer-1"), new OutboundWebIdentityFederationDisabled(ACCOUNT, "issuer-1"));

        assertThat(accounts.byOutboundIssuer("issuer-1").orElseThrow().outboundFederation())
                .isEqualTo(new OutboundFederation("issuer-1", false));
        assertThat(accounts.byOutboundIssuer("issuer-1").orElseThrow().accountId()).isEqualTo(ACCOUNT);
        assertThat(accounts.byOutboundIssuer("issuer-2")).isEmpty();
        assertThat(accounts.account(OTHER_ACCOUNT).orElseThrow().outboundFederation()).isNull();

        AccountsProjection restored = new AccountsProjection();
        restored.restore(accounts.saved());
        assertThat(restored.byOutboundIssuer("issuer-1").orElseThrow().accountId()).isEqualTo(ACCOUNT);
    }
}
