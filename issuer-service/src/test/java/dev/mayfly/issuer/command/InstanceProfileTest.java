package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.InstanceProfileCommands.AddRoleToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.CreateInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.DeleteInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.RemoveRoleFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.TagInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.UntagInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileCreated;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileDeleted;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileTagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileUntagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleAddedToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleRemovedFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstanceProfileTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final InstanceProfileRef WEB = new InstanceProfileRef(AccountId.of("111122223333"), "web");
    private static final InstanceProfileCreated CREATED = new InstanceProfileCreated(WEB, "/app/", "AIPAEXAMPLE",
            "arn:aws:iam::111122223333:instance-profile/app/web", T);

    private AggregateTestFixture<InstanceProfile> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(InstanceProfile.class);
    }

    @Test
    void createInstanceProfileWhenNewThenCreatedWithArnAndTags() {
        fixture.givenNoPriorActivity().when(new CreateInstanceProfile(WEB, "/app/", "AIPAEXAMPLE", Map.of("team", "web"), T))
                .expectEvents(CREATED, new InstanceProfileTagged(WEB, Map.of("team", "web")));
    }

    @Test
    void createInstanceProfileWhenNameTakenInAnyCaseThenEntityAlreadyExists() {
        fixture.given(CREATED).when(new CreateInstanceProfile(new InstanceProfileRef(WEB.account(), "WEB"), "/", "AIPAOTHER", Map.of(), T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Instance Profile WEB already exists.");
    }

    @Test
    void createInstanceProfileWhenDeletedBeforeThenCreatedAgain() {
        fixture.given(CREATED, new InstanceProfileDeleted(WEB, "AIPAEXAMPLE", T))
                .when(new CreateInstanceProfile(WEB, "/", "AIPASECOND", Map.of(), T))
                .expectEvents(new InstanceProfileCreated(WEB, "/", "AIPASECOND", "arn:aws:iam::111122223333:instance-profile/web", T));
    }

    @Test
    void addRoleToInstanceProfileWhenEmptyThenAddedAndWhenItHasOneThenLimitExceeded() {
        fixture.given(CREATED).when(new AddRoleToInstanceProfile(WEB, "app")).expectEvents(new RoleAddedToInstanceProfile(WEB, "app"));
        fixture.given(CREATED, new RoleAddedToInstanceProfile(WEB, "app")).when(new AddRoleToInstanceProfile(WEB, "other"))
                .expectException(AwsServiceException.class)
                .expectExceptionMessage("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1").expectNoEvents();
    }

    @Test
    void removeRoleFromInstanceProfileWhenHeldInAnyCaseThenRemovedAndWhenNotThenNoSuchEntity() {
        fixture.given(CREATED, new RoleAddedToInstanceProfile(WEB, "app")).when(new RemoveRoleFromInstanceProfile(WEB, "APP"))
                .expectEvents(new RoleRemovedFromInstanceProfile(WEB, "app"));
        fixture.given(CREATED, new RoleAddedToInstanceProfile(WEB, "app")).when(new RemoveRoleFromInstanceProfile(WEB, "other"))
                .expectException(AwsServiceException.class).expectExceptionMessage("The role with name other cannot be found.");
        fixture.given(CREATED).when(new RemoveRoleFromInstanceProfile(WEB, "app")).expectException(AwsServiceException.class);
    }

    @Test
    void deleteInstanceProfileWhenItHoldsARoleThenDeleteConflictAndWhenEmptyThenDeleted() {
        fixture.given(CREATED, new RoleAddedToInstanceProfile(WEB, "app")).when(new DeleteInstanceProfile(WEB, T))
                .expectException(AwsServiceException.class)
                .expectExceptionMessage("Cannot delete entity, must remove roles from instance profile first.");
        fixture.given(CREATED, new RoleAddedToInstanceProfile(WEB, "app"), new RoleRemovedFromInstanceProfile(WEB, "app"))
                .when(new DeleteInstanceProfile(WEB, T)).expectEvents(new InstanceProfileDeleted(WEB, "AIPAEXAMPLE", T));
    }

    @Test
    void commandsWhenProfileDeletedThenNoSuchEntity() {
        fixture.given(CREATED, new InstanceProfileDeleted(WEB, "AIPAEXAMPLE", T)).when(new AddRoleToInstanceProfile(WEB, "app"))
                .expectException(AwsServiceException.class).expectExceptionMessage("Instance Profile web cannot be found.");
    }

    @Test
    void tagInstanceProfileWhenPastFiftyThenLimitExceededAndUntagOfUnknownKeysThenNothing() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        fixture.given(CREATED, new InstanceProfileTagged(WEB, fifty)).when(new TagInstanceProfile(WEB, Map.of("one", "more")))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot exceed quota for TagsPerInstanceProfile: 50");
        fixture.given(CREATED, new InstanceProfileTagged(WEB, Map.of("Team", "web"))).when(new UntagInstanceProfile(WEB, List.of("team", "nope")))
                .expectEvents(new InstanceProfileUntagged(WEB, List.of("team")));
        fixture.given(CREATED).when(new UntagInstanceProfile(WEB, List.of("nope"))).expectNoEvents();
    }
}
