package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.SamlCommands.CreateSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.DeleteSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.TagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UntagSamlProvider;
import dev.mayfly.issuer.api.SamlCommands.UpdateSamlProvider;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderCreated;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderDeleted;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderTagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUntagged;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderUpdated;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SamlProviderTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final SamlProviderRef OKTA = new SamlProviderRef(AccountId.of("111122223333"), "okta");
    private static final SamlProviderCreated CREATED = new SamlProviderCreated(OKTA, "<metadata/>", T);

    private AggregateTestFixture<SamlProvider> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(SamlProvider.class);
    }

    @Test
    void createWhenLiveThenEntityAlreadyExistsAndUpdateReplacesTheMetadata() {
        fixture.given(CREATED).when(new CreateSamlProvider(OKTA, "<other/>", Map.of(), T)).expectException(AwsServiceException.class);
        fixture.given(CREATED).when(new UpdateSamlProvider(OKTA, "<other/>", T)).expectEvents(new SamlProviderUpdated(OKTA, "<other/>", T));
    }

    @Test
    void updateOrDeleteWhenDeletedThenNoSuchEntity() {
        fixture.given(CREATED, new SamlProviderDeleted(OKTA)).when(new UpdateSamlProvider(OKTA, "<other/>", T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Manifest not found for arn arn:aws:iam::111122223333:saml-provider/okta");
        fixture.given(CREATED).when(new DeleteSamlProvider(OKTA)).expectEvents(new SamlProviderDeleted(OKTA));
    }

    @Test
    void createWhenTagsThenCreatedAndTaggedAndUntagRemovesOnlyPresentKeys() {
        fixture.givenNoPriorActivity().when(new CreateSamlProvider(OKTA, "<metadata/>", Map.of("Team", "sso"), T))
                .expectEvents(CREATED, new SamlProviderTagged(OKTA, Map.of("Team", "sso")));
        fixture.given(CREATED, new SamlProviderTagged(OKTA, Map.of("Team", "sso"))).when(new UntagSamlProvider(OKTA, List.of("TEAM", "absent")))
                .expectEvents(new SamlProviderUntagged(OKTA, List.of("TEAM")));
        fixture.given(CREATED, new SamlProviderDeleted(OKTA)).when(new TagSamlProvider(OKTA, Map.of("Team", "sso")))
                .expectException(AwsServiceException.class).expectNoEvents();
    }
}
