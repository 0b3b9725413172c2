package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountAliasRef;
import dev.mayfly.issuer.api.AccountCommands.ClaimAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.ReleaseAccountAlias;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasClaimed;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasReleased;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.runtime.AwsServiceException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountAliasTest {

    private static final AccountAliasRef ACME = new AccountAliasRef("acme");
    private static final AccountId ONE = AccountId.of("000000000001");
    private static final AccountId TWO = AccountId.of("000000000002");

    private AggregateTestFixture<AccountAlias> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(AccountAlias.class);
    }

    @Test
    void claimAccountAliasWhenFreeThenClaimedAndWhenOwnThenNothing() {
        fixture.givenNoPriorActivity().when(new ClaimAccountAlias(ACME, ONE)).expectEvents(new AccountAliasClaimed(ACME, ONE));
        fixture.given(new AccountAliasClaimed(ACME, ONE)).when(new ClaimAccountAlias(ACME, ONE)).expectNoEvents();
    }

    @Test
    void claimAccountAliasWhenAnotherAccountHoldsItThenEntityAlreadyExistsUntilReleased() {
        fixture.given(new AccountAliasClaimed(ACME, ONE)).when(new ClaimAccountAlias(ACME, TWO))
                .expectException(AwsServiceException.class).expectExceptionMessage("The account alias acme already exists.");
        fixture.given(new AccountAliasClaimed(ACME, ONE), new AccountAliasReleased(ACME, ONE)).when(new ClaimAccountAlias(ACME, TWO))
                .expectEvents(new AccountAliasClaimed(ACME, TWO));
    }

    @Test
    void releaseAccountAliasWhenNotTheHoldersThenNothing() {
        fixture.given(new AccountAliasClaimed(ACME, ONE)).when(new ReleaseAccountAlias(ACME, TWO)).expectNoEvents();
        fixture.given(new AccountAliasClaimed(ACME, ONE)).when(new ReleaseAccountAlias(ACME, ONE))
                .expectEvents(new AccountAliasReleased(ACME, ONE));
    }
}
