package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountCommands.CreateAccount;
import dev.mayfly.issuer.api.AccountCommands.SetStsRegionActive;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
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
}
