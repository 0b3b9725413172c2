package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountCommands.CreateAccount;
import dev.mayfly.issuer.api.AccountCommands.DisableOutboundWebIdentityFederation;
import dev.mayfly.issuer.api.AccountCommands.EnableOutboundWebIdentityFederation;
import dev.mayfly.issuer.api.AccountCommands.RemoveAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.SetAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.CreateRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.DeleteRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.PreviousRootKeys;
import dev.mayfly.issuer.api.AccountCommands.RootKeyRotation;
import dev.mayfly.issuer.api.AccountCommands.RotateRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.SetStsRegionActive;
import dev.mayfly.issuer.api.AccountCommands.UpdateRootAccessKey;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasRemoved;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasSet;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationDisabled;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationEnabled;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final AccountId ACCOUNT = AccountId.of("000000000001");

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void createAccountWhenNamedThenAccountCreatedWithRootKey() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccount(ACCOUNT, "tenant", "AKIAROOT", T))
                .expectEvents(new AccountCreated(ACCOUNT, "tenant", "AKIAROOT", T));
    }

    @Test
    void createAccountWhenNameBlankThenValidationError() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccount(ACCOUNT, " ", "AKIAROOT", T))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
    }

    @Test
    void setStsRegionActiveWhenDeactivatedThenChangedOnceAndUsEast1CannotBe() {
        AccountCreated created = new AccountCreated(AccountId.of("111122223333"), "acme", "AKIAEXAMPLE", T);
        AccountId id = AccountId.of("111122223333");
        fixture.given(created).when(new SetStsRegionActive(id, "eu-west-1", false))
                .expectEvents(new StsRegionActivationChanged(id, "eu-west-1", false));
        fixture.given(created, new StsRegionActivationChanged(id, "eu-west-1", false)).when(new SetStsRegionActive(id, "eu-west-1", false))
                .expectNoEvents();
        fixture.given(created).when(new SetStsRegionActive(id, "eu-west-1", true)).expectNoEvents();
        fixture.given(created).when(new SetStsRegionActive(id, "us-east-1", false)).expectException(AwsServiceException.class);
    }

    private static final AccountCreated CREATED = new AccountCreated(ACCOUNT, "tenant", "AKIAROOT", T);
    private static final Instant LATER = T.plusSeconds(60);

    private static void expectRefused(org.axonframework.test.aggregate.ResultValidator<Account> result, String code) {
        result.expectNoEvents().expectException(new org.hamcrest.CustomTypeSafeMatcher<AwsServiceException>("AwsServiceException " + code) {
            @Override
            protected boolean matchesSafely(AwsServiceException e) {
                return e.code().equals(code);
            }
        });
    }

    @Test
    void createRootAccessKeyWhenOneKeyThenCreatedAndWhenTwoThenLimitExceeded() {
        fixture.given(CREATED).when(new CreateRootAccessKey(ACCOUNT, "AKIASECOND", LATER))
                .expectEvents(new RootAccessKeyCreated(ACCOUNT, "AKIASECOND", LATER));
        expectRefused(fixture.given(CREATED, new RootAccessKeyCreated(ACCOUNT, "AKIASECOND", LATER))
                .when(new CreateRootAccessKey(ACCOUNT, "AKIATHIRD", LATER)), "LimitExceeded");
    }

    @Test
    void createRootAccessKeyWhenAKeyWasDeletedThenRoomForAnother() {
        fixture.given(CREATED, new RootAccessKeyCreated(ACCOUNT, "AKIASECOND", LATER), new RootAccessKeyDeleted(ACCOUNT, "AKIAROOT", LATER))
                .when(new CreateRootAccessKey(ACCOUNT, "AKIATHIRD", LATER))
                .expectEvents(new RootAccessKeyCreated(ACCOUNT, "AKIATHIRD", LATER));
    }

    @Test
    void updateRootAccessKeyWhenStatusChangesThenChangedOnceAndWhenUnknownThenNoSuchEntity() {
        fixture.given(CREATED).when(new UpdateRootAccessKey(ACCOUNT, "AKIAROOT", false, LATER))
                .expectEvents(new RootAccessKeyStatusChanged(ACCOUNT, "AKIAROOT", false, LATER));
        fixture.given(CREATED).when(new UpdateRootAccessKey(ACCOUNT, "AKIAROOT", true, LATER)).expectNoEvents();
        expectRefused(fixture.given(CREATED).when(new UpdateRootAccessKey(ACCOUNT, "AKIAUSERS", false, LATER)), "NoSuchEntity");
    }

    @Test
    void deleteRootAccessKeyWhenKnownThenDeletedAndWhenDeletedAlreadyThenNoSuchEntity() {
        fixture.given(CREATED).when(new DeleteRootAccessKey(ACCOUNT, "AKIAROOT", LATER))
                .expectEvents(new RootAccessKeyDeleted(ACCOUNT, "AKIAROOT", LATER));
        expectRefused(fixture.given(CREATED, new RootAccessKeyDeleted(ACCOUNT, "AKIAROOT", LATER))
                .when(new DeleteRootAccessKey(ACCOUNT, "AKIAROOT", LATER)), "NoSuchEntity");
    }

    @Test
    void rotateRootAccessKeyWhenDeactivatingThenNewKeyAndOldOneInactive() {
        fixture.given(CREATED).when(new RotateRootAccessKey(ACCOUNT, "AKIANEW", PreviousRootKeys.DEACTIVATE, LATER))
                .expectEvents(new RootAccessKeyCreated(ACCOUNT, "AKIANEW", LATER),
                        new RootAccessKeyStatusChanged(ACCOUNT, "AKIAROOT", false, LATER))
                .expectResultMessagePayload(new RootKeyRotation(java.util.List.of(), java.util.List.of("AKIAROOT")));
    }

    @Test
    void rotateRootAccessKeyWhenDeletingOrKeepingThenOldOneDeletedOrLeftActive() {
        fixture.given(CREATED).when(new RotateRootAccessKey(ACCOUNT, "AKIANEW", PreviousRootKeys.DELETE, LATER))
                .expectEvents(new RootAccessKeyCreated(ACCOUNT, "AKIANEW", LATER), new RootAccessKeyDeleted(ACCOUNT, "AKIAROOT", LATER))
                .expectResultMessagePayload(new RootKeyRotation(java.util.List.of("AKIAROOT"), java.util.List.of()));
        fixture.given(CREATED).when(new RotateRootAccessKey(ACCOUNT, "AKIANEW", PreviousRootKeys.KEEP_ACTIVE, LATER))
                .expectEvents(new RootAccessKeyCreated(ACCOUNT, "AKIANEW", LATER))
                .expectResultMessagePayload(new RootKeyRotation(java.util.List.of(), java.util.List.of()));
    }

    @Test
    void rotateRootAccessKeyWhenTwoKeysOneInactiveThenTheInactiveOneMakesRoom() {
        fixture.given(CREATED, new RootAccessKeyCreated(ACCOUNT, "AKIASECOND", LATER), new RootAccessKeyStatusChanged(ACCOUNT, "AKIAROOT", false, LATER))
                .when(new RotateRootAccessKey(ACCOUNT, "AKIANEW", PreviousRootKeys.DEACTIVATE, LATER))
                .expectEvents(new RootAccessKeyDeleted(ACCOUNT, "AKIAROOT", LATER), new RootAccessKeyCreated(ACCOUNT, "AKIANEW", LATER),
                        new RootAccessKeyStatusChanged(ACCOUNT, "AKIASECOND", false, LATER))
                .expectResultMessagePayload(new RootKeyRotation(java.util.List.of("AKIAROOT"), java.util.List.of("AKIASECOND")));
    }

    @Test
    void rotateRootAccessKeyWhenTwoActiveKeysThenLimitExceeded() {
        expectRefused(fixture.given(CREATED, new RootAccessKeyCreated(ACCOUNT, "AKIASECOND", LATER))
                .when(new RotateRootAccessKey(ACCOUNT, "AKIANEW", PreviousRootKeys.DEACTIVATE, LATER)), "LimitExceeded");
    }

    @Test
    void setAccountAliasWhenNoneThenSetWhenSameThenNothingAndWhenAnotherThenReplaced() {
        AccountCreated created = new AccountCreated(ACCOUNT, "tenant", "AKIAROOT", T);
        fixture.given(created).when(new SetAccountAlias(ACCOUNT, "acme")).expectEvents(new AccountAliasSet(ACCOUNT, "acme"))
                .expectResultMessagePayload(null);
        fixture.given(created, new AccountAliasSet(ACCOUNT, "acme")).when(new SetAccountAlias(ACCOUNT, "acme")).expectNoEvents();
        fixture.given(created, new AccountAliasSet(ACCOUNT, "acme")).when(new SetAccountAlias(ACCOUNT, "other"))
                .expectEvents(new AccountAliasRemoved(ACCOUNT, "acme"), new AccountAliasSet(ACCOUNT, "other"))
                .expectResultMessagePayload("acme");
    }

    @Test
    void removeAccountAliasWhenItsOwnThenRemovedAndWhenAnotherOrNoneThenNoSuchEntity() {
        AccountCreated created = new AccountCreated(ACCOUNT, "tenant", "AKIAROOT", T);
        fixture.given(created, new AccountAliasSet(ACCOUNT, "acme")).when(new RemoveAccountAlias(ACCOUNT, "acme"))
                .expectEvents(new AccountAliasRemoved(ACCOUNT, "acme"));
        fixture.given(created, new AccountAliasSet(ACCOUNT, "acme")).when(new RemoveAccountAlias(ACCOUNT, "other"))
                .expectException(AwsServiceException.class).expectExceptionMessage("The account alias other cannot be found.");
        fixture.given(created, new AccountAliasSet(ACCOUNT, "acme"), new AccountAliasRemoved(ACCOUNT, "acme"))
                .when(new RemoveAccountAlias(ACCOUNT, "acme")).expectException(AwsServiceException.class);
    }

    @Test
    void enableOutboundWebIdentityFederationWhenEnabledThenFeatureEnabledAndAReEnablingKeepsTheFirstIssuerId() {
        AccountCreated created = new AccountCreated(ACCOUNT, "tenant", "AKIAROOT", T);
        OutboundWebIdentityFederationEnabled enabled = new OutboundWebIdentityFederationEnabled(ACCOUNT, "first-id");
        fixture.given(created).when(new EnableOutboundWebIdentityFederation(ACCOUNT, "first-id"))
                .expectEvents(enabled).expectResultMessagePayload("first-id");
        fixture.given(created, enabled).when(new EnableOutboundWebIdentityFederation(ACCOUNT, "second-id"))
                .expectNoEvents().expectException(AwsServiceException.class).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("already enabled"));
        fixture.given(created, enabled, new OutboundWebIdentityFederationDisabled(ACCOUNT, "first-id"))
                .when(new EnableOutboundWebIdentityFederation(ACCOUNT, "second-id"))
                .expectEvents(enabled).expectResultMessagePayload("first-id");
    }

    @Test
    void disableOutboundWebIdentityFederationWhenNotEnabledThenFeatureDisabled() {
        AccountCreated created = new AccountCreated(ACCOUNT, "tenant", "AKIAROOT", T);
        fixture.given(created).when(new DisableOutboundWebIdentityFederation(ACCOUNT))
                .expectNoEvents().expectException(AwsServiceException.class);
        fixture.given(created, new OutboundWebIdentityFederationEnabled(ACCOUNT, "id"))
                .when(new DisableOutboundWebIdentityFederation(ACCOUNT))
                .expectEvents(new OutboundWebIdentityFederationDisabled(ACCOUNT, "id"));
    }
}
