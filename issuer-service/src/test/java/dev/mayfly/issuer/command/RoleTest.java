package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.RoleCommands.CreateRole;
import dev.mayfly.issuer.api.RoleCommands.DeleteRole;
import dev.mayfly.issuer.api.RoleCommands.DeleteRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.PutRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.UpdateAssumeRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.UpdateRole;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RoleDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.RoleUpdated;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final RoleRef DEPLOY = new RoleRef(AccountId.of("111122223333"), "Deploy");
    /** What a trust policy naming a user was bound to when stored: the aggregate keeps it with the policy. */
    private static final java.util.Map<String, String> IDS = java.util.Map.of("arn:aws:iam::111122223333:user/alice", "AIDAALICE");
    private static final String TRUST = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}}";

    private AggregateTestFixture<Role> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Role.class);
    }

    @Test
    void createRoleWhenValidThenRoleCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateRole(DEPLOY, "/", "AROAEXAMPLE", TRUST, IDS, "deploys", 7200, java.util.Map.of(), T))
                .expectEvents(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST,
                        "deploys", 7200, T, IDS));
    }

    @Test
    void createRoleWhenMaxSessionDurationOutOfRangeThenValidationError() {
        for (int duration : new int[] {3599, 43201}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateRole(DEPLOY, "/", "AROAEXAMPLE", TRUST, IDS, null, duration, java.util.Map.of(), T))
                    .expectException(AwsServiceException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void updateAssumeRolePolicyWhenRoleExistsThenTrustPolicyUpdated() {
        String narrower = TRUST.replace("111122223333", "arn:aws:iam::111122223333:user/alice");
        fixture.given(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST, null, 3600, T, IDS))
                .when(new UpdateAssumeRolePolicy(DEPLOY, narrower, IDS, java.time.Instant.EPOCH))
                .expectEvents(new TrustPolicyUpdated(DEPLOY, narrower, IDS, java.time.Instant.EPOCH));
    }

    @Test
    void putRolePolicyWhenRoleExistsThenPolicyPut() {
        String policy = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
        fixture.given(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST, null, 3600, T, IDS))
                .when(new PutRolePolicy(DEPLOY, "s3", policy))
                .expectEvents(new RolePolicyPut(DEPLOY, "s3", policy));
    }

    private static RoleCreated created() {
        return new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST, "old", 3600, T, IDS);
    }

    @Test
    void updateRoleWhenOnlyDurationGivenThenDescriptionKeptAndWhenOutOfRangeThenValidationError() {
        fixture.given(created()).when(new UpdateRole(DEPLOY, null, 7200)).expectEvents(new RoleUpdated(DEPLOY, "old", 7200));
        fixture.given(created()).when(new UpdateRole(DEPLOY, "new", null)).expectEvents(new RoleUpdated(DEPLOY, "new", 3600));
        fixture.given(created()).when(new UpdateRole(DEPLOY, null, 60)).expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void deleteRoleWhenInlinePoliciesThenDeleteConflictAndWhenNoneThenDeletedAndNameFree() {
        fixture.given(created(), new RolePolicyPut(DEPLOY, "p", "{}")).when(new DeleteRole(DEPLOY, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot delete entity, must delete policies first.");
        fixture.given(created(), new RolePolicyPut(DEPLOY, "p", "{}"), new RolePolicyDeleted(DEPLOY, "p")).when(new DeleteRole(DEPLOY, T))
                .expectEvents(new RoleDeleted(DEPLOY, "AROAEXAMPLE", T));
        fixture.given(created(), new RoleDeleted(DEPLOY, "AROAEXAMPLE", T))
                .when(new CreateRole(DEPLOY, "/", "AROASECOND", TRUST, IDS, null, 3600, java.util.Map.of(), T))
                .expectEvents(new RoleCreated(DEPLOY, "/", "AROASECOND", "arn:aws:iam::111122223333:role/Deploy", TRUST, null, 3600, T, IDS));
        fixture.given(created(), new RoleDeleted(DEPLOY, "AROAEXAMPLE", T)).when(new DeleteRolePolicy(DEPLOY, "p"))
                .expectException(AwsServiceException.class).expectExceptionMessage("The role with name Deploy cannot be found.");
    }

    @Test
    void createRoleWhenTagsThenRoleCreatedAndTaggedAndTagRoleBeyondFiftyThenLimitExceeded() {
        java.util.Map<String, String> tags = java.util.Map.of("team", "ops");
        fixture.givenNoPriorActivity()
                .when(new CreateRole(DEPLOY, "/", "AROAEXAMPLE", TRUST, IDS, null, 3600, tags, T))
                .expectEvents(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST, null, 3600, T, IDS),
                        new dev.mayfly.issuer.api.RoleEvents.RoleTagged(DEPLOY, tags));
        java.util.Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        fixture.given(created(), new dev.mayfly.issuer.api.RoleEvents.RoleTagged(DEPLOY, fifty))
                .when(new dev.mayfly.issuer.api.RoleCommands.TagRole(DEPLOY, java.util.Map.of("K0", "replaced")))
                .expectEvents(new dev.mayfly.issuer.api.RoleEvents.RoleTagged(DEPLOY, java.util.Map.of("K0", "replaced")));
        fixture.given(created(), new dev.mayfly.issuer.api.RoleEvents.RoleTagged(DEPLOY, fifty))
                .when(new dev.mayfly.issuer.api.RoleCommands.TagRole(DEPLOY, java.util.Map.of("new", "x")))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot exceed quota for TagsPerRole: 50");
        fixture.given(created()).when(new dev.mayfly.issuer.api.RoleCommands.UntagRole(DEPLOY, java.util.List.of("absent")))
                .expectNoEvents();
    }
}
