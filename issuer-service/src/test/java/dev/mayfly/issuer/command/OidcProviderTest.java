package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.OidcCommands.AddOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.CreateOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.DeleteOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.RemoveOidcClientId;
import dev.mayfly.issuer.api.OidcCommands.TagOidcProvider;
import dev.mayfly.issuer.api.OidcCommands.UntagOidcProvider;
import dev.mayfly.issuer.api.OidcEvents.OidcClientIdAdded;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderCreated;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderDeleted;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderTagged;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderUntagged;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcProviderTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final OidcProviderRef PROVIDER = OidcProviderRef.ofUrl(AccountId.of("111122223333"), "https://token.example.com");
    private static final OidcProviderCreated CREATED = new OidcProviderCreated(PROVIDER, "https://token.example.com", List.of("app"),
            List.of(), T);

    private AggregateTestFixture<OidcProvider> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(OidcProvider.class);
    }

    @Test
    void createWhenLiveThenEntityAlreadyExistsAndWhenDeletedThenCreatedAgain() {
        fixture.given(CREATED).when(new CreateOidcProvider(PROVIDER, "https://token.example.com", List.of(), List.of(), Map.of(), T))
                .expectException(AwsServiceException.class);
        fixture.given(CREATED, new OidcProviderDeleted(PROVIDER))
                .when(new CreateOidcProvider(PROVIDER, "https://token.example.com", List.of("app"), List.of(), Map.of(), T)).expectEvents(CREATED);
    }

    @Test
    void createWhenTagsThenCreatedAndTaggedAndUntagRemovesOnlyPresentKeys() {
        fixture.givenNoPriorActivity()
                .when(new CreateOidcProvider(PROVIDER, "https://token.example.com", List.of("app"), List.of(), Map.of("Team", "ci"), T))
                .expectEvents(CREATED, new OidcProviderTagged(PROVIDER, Map.of("Team", "ci")));
        fixture.given(CREATED, new OidcProviderTagged(PROVIDER, Map.of("Team", "ci"))).when(new UntagOidcProvider(PROVIDER, List.of("team", "absent")))
                .expectEvents(new OidcProviderUntagged(PROVIDER, List.of("team")));
        fixture.given(CREATED, new OidcProviderDeleted(PROVIDER)).when(new TagOidcProvider(PROVIDER, Map.of("Team", "ci")))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void addClientIdWhenPresentThenNothingAndRemoveWhenAbsentThenNothing() {
        fixture.given(CREATED).when(new AddOidcClientId(PROVIDER, "app")).expectNoEvents();
        fixture.given(CREATED).when(new AddOidcClientId(PROVIDER, "cli")).expectEvents(new OidcClientIdAdded(PROVIDER, "cli"));
        fixture.given(CREATED).when(new RemoveOidcClientId(PROVIDER, "absent")).expectNoEvents();
    }

    @Test
    void createWhenMoreThanAHundredClientIdsThenLimitExceeded() {
        List<String> many = IntStream.range(0, 101).mapToObj(i -> "c" + i).toList();
        fixture.givenNoPriorActivity().when(new CreateOidcProvider(PROVIDER, "https://token.example.com", many, List.of(), Map.of(), T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
        fixture.given(CREATED, new OidcProviderDeleted(PROVIDER)).when(new DeleteOidcProvider(PROVIDER)).expectException(AwsServiceException.class);
    }
}
