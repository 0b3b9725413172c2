package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DeletePolicy;
import dev.mayfly.issuer.api.PolicyCommands.DeletePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyCommands.SetDefaultPolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.TagPolicy;
import dev.mayfly.issuer.api.PolicyCommands.UntagPolicy;
import dev.mayfly.issuer.api.PolicyEvents.DefaultPolicyVersionSet;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDeleted;
import dev.mayfly.issuer.api.PolicyEvents.PolicyTagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyUntagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionDeleted;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagedPolicyTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PolicyRef READ = new PolicyRef(AccountId.of("111122223333"), "Read");
    private static final String DOC = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
    private static final PolicyCreated CREATED = new PolicyCreated(READ, "/", "ANPAEXAMPLE", "arn:aws:iam::111122223333:policy/Read", DOC, null, T);

    private AggregateTestFixture<ManagedPolicy> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ManagedPolicy.class);
    }

    @Test
    void createPolicyWhenTagsThenCreatedAndTagged() {
        fixture.givenNoPriorActivity().when(new CreatePolicy(READ, "/", "ANPAEXAMPLE", DOC, null, Map.of("Team", "platform"), T))
                .expectEvents(CREATED, new PolicyTagged(READ, Map.of("Team", "platform")));
    }

    @Test
    void tagPolicyWhenKeyDiffersOnlyInCaseThenReplacedAndWhenOverFiftyThenLimitExceeded() {
        fixture.given(CREATED, new PolicyTagged(READ, Map.of("team", "a"))).when(new TagPolicy(READ, Map.of("Team", "b")))
                .expectEvents(new PolicyTagged(READ, Map.of("Team", "b")));
        Map<String, String> fifty = IntStream.range(0, 50).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        fixture.given(CREATED, new PolicyTagged(READ, fifty)).when(new TagPolicy(READ, Map.of("one-more", "v")))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void untagPolicyWhenKeysAbsentThenNothingAndWhenPolicyDeletedThenNoSuchEntity() {
        fixture.given(CREATED, new PolicyTagged(READ, Map.of("team", "a"))).when(new UntagPolicy(READ, List.of("TEAM", "absent")))
                .expectEvents(new PolicyUntagged(READ, List.of("TEAM")));
        fixture.given(CREATED).when(new UntagPolicy(READ, List.of("absent"))).expectNoEvents();
        fixture.given(CREATED, new PolicyDeleted(READ, "ANPAEXAMPLE", T)).when(new TagPolicy(READ, Map.of("team", "a")))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void createPolicyVersionWhenFewerThanFiveThenNextVersionAndWhenFiveThenLimitExceeded() {
        fixture.given(CREATED).when(new CreatePolicyVersion(READ, DOC, true, T))
                .expectEvents(new PolicyVersionCreated(READ, "v2", DOC, true, T));
        fixture.given(CREATED, new PolicyVersionCreated(READ, "v2", DOC, false, T), new PolicyVersionCreated(READ, "v3", DOC, false, T),
                        new PolicyVersionCreated(READ, "v4", DOC, false, T), new PolicyVersionCreated(READ, "v5", DOC, false, T))
                .when(new CreatePolicyVersion(READ, DOC, false, T))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void attachPolicyWhenAlreadyAttachedThenNothingAndDetachWhenNotAttachedThenNoSuchEntity() {
        fixture.given(CREATED).when(new AttachPolicy(READ, EntityType.USER, "alice"))
                .expectEvents(new PolicyAttached(READ, EntityType.USER, "alice"));
        fixture.given(CREATED, new PolicyAttached(READ, EntityType.USER, "alice")).when(new AttachPolicy(READ, EntityType.USER, "ALICE"))
                .expectNoEvents();
        fixture.given(CREATED).when(new DetachPolicy(READ, EntityType.ROLE, "alice"))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void createPolicyVersionWhenVersionsWereDeletedThenIdsAreNotReused() {
        fixture.given(CREATED, new PolicyVersionCreated(READ, "v2", DOC, false, T), new PolicyVersionDeleted(READ, "v2"))
                .when(new CreatePolicyVersion(READ, DOC, false, T))
                .expectEvents(new PolicyVersionCreated(READ, "v3", DOC, false, T))
                .expectResultMessagePayload("v3");
    }

    @Test
    void setDefaultPolicyVersionWhenExistsThenSetAndWhenUnknownThenNoSuchEntity() {
        fixture.given(CREATED, new PolicyVersionCreated(READ, "v2", DOC, false, T)).when(new SetDefaultPolicyVersion(READ, "v2", T))
                .expectEvents(new DefaultPolicyVersionSet(READ, "v2", T));
        fixture.given(CREATED).when(new SetDefaultPolicyVersion(READ, "v7", T)).expectException(AwsServiceException.class)
                .expectExceptionMessage("Policy arn:aws:iam::111122223333:policy/Read version v7 does not exist.");
    }

    @Test
    void deletePolicyVersionWhenDefaultThenDeleteConflict() {
        fixture.given(CREATED).when(new DeletePolicyVersion(READ, "v1")).expectException(AwsServiceException.class)
                .expectExceptionMessage("Cannot delete the default version of a policy.");
        fixture.given(CREATED, new PolicyVersionCreated(READ, "v2", DOC, true, T)).when(new DeletePolicyVersion(READ, "v1"))
                .expectEvents(new PolicyVersionDeleted(READ, "v1"));
    }

    @Test
    void deletePolicyWhenAttachedOrVersionedThenDeleteConflictAndWhenNeitherThenDeleted() {
        fixture.given(CREATED, new PolicyAttached(READ, EntityType.ROLE, "app")).when(new DeletePolicy(READ, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot delete a policy attached to entities.");
        fixture.given(CREATED, new PolicyVersionCreated(READ, "v2", DOC, false, T)).when(new DeletePolicy(READ, T))
                .expectException(AwsServiceException.class);
        fixture.given(CREATED).when(new DeletePolicy(READ, T)).expectEvents(new PolicyDeleted(READ, "ANPAEXAMPLE", T));
    }
}
