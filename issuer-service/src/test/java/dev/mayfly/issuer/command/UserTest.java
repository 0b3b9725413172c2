package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.UserCommands.CreateAccessKey;
import dev.mayfly.issuer.api.UserCommands.CreateUser;
import dev.mayfly.issuer.api.UserCommands.DeleteAccessKey;
import dev.mayfly.issuer.api.UserCommands.DeleteUser;
import dev.mayfly.issuer.api.UserCommands.DeleteUserPolicy;
import dev.mayfly.issuer.api.UserCommands.PutUserPolicy;
import dev.mayfly.issuer.api.UserCommands.ReceiveRenamedUser;
import dev.mayfly.issuer.api.UserCommands.RenameUser;
import dev.mayfly.issuer.api.UserCommands.UpdateAccessKey;
import dev.mayfly.issuer.api.UserCommands.UpdateUserPath;
import dev.mayfly.issuer.api.UserCommands.UserHandover;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPathChanged;
import dev.mayfly.issuer.api.UserEvents.UserPolicyDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserRenamed;
import dev.mayfly.issuer.api.UserEvents.UserRenamedFrom;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserRef ALICE = new UserRef(AccountId.of("111122223333"), "Alice");
    private static final UserCreated CREATED = new UserCreated(ALICE, "/team/", "AIDAEXAMPLE", "arn:aws:iam::111122223333:user/team/Alice", T);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void createUserWhenNewThenUserCreatedWithArnFromPathAndName() {
        fixture.givenNoPriorActivity()
                .when(new CreateUser(ALICE, "/team/", "AIDAEXAMPLE", java.util.Map.of(), T))
                .expectEvents(CREATED);
    }

    @Test
    void createAccessKeyWhenFewerThanTwoThenAccessKeyCreated() {
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAFIRST", T))
                .when(new CreateAccessKey(ALICE, "AKIASECOND", T))
                .expectEvents(new AccessKeyCreated(ALICE, "AKIASECOND", T));
    }

    @Test
    void createAccessKeyWhenTwoAlreadyThenLimitExceeded() {
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAFIRST", T), new AccessKeyCreated(ALICE, "AKIASECOND", T))
                .when(new CreateAccessKey(ALICE, "AKIATHIRD", T))
                .expectException(AwsServiceException.class)
                .expectExceptionMessage("Cannot exceed quota for AccessKeysPerUser: 2")
                .expectNoEvents();
    }

    @Test
    void updateAccessKeyWhenStatusChangesThenStatusChangedAndWhenSameThenNothing() {
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAFIRST", T))
                .when(new UpdateAccessKey(ALICE, "AKIAFIRST", false, T))
                .expectEvents(new AccessKeyStatusChanged(ALICE, "AKIAFIRST", false, T));
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAFIRST", T))
                .when(new UpdateAccessKey(ALICE, "AKIAFIRST", true, T))
                .expectNoEvents();
    }

    @Test
    void updateOrDeleteAccessKeyWhenNotTheUsersThenNoSuchEntity() {
        fixture.given(CREATED).when(new UpdateAccessKey(ALICE, "AKIAOTHER", false, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("The Access Key with id AKIAOTHER cannot be found.");
        fixture.given(CREATED).when(new DeleteAccessKey(ALICE, "AKIAOTHER", T))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void deleteAccessKeyWhenPresentThenDeletedAndItsPlaceFree() {
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAFIRST", T), new AccessKeyCreated(ALICE, "AKIASECOND", T),
                        new AccessKeyDeleted(ALICE, "AKIAFIRST", T))
                .when(new CreateAccessKey(ALICE, "AKIATHIRD", T))
                .expectEvents(new AccessKeyCreated(ALICE, "AKIATHIRD", T));
    }

    @Test
    void putUserPolicyWhenUserExistsThenPolicyPut() {
        String policy = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
        fixture.given(CREATED)
                .when(new PutUserPolicy(ALICE, "all", policy))
                .expectEvents(new UserPolicyPut(ALICE, "all", policy));
    }

    @Test
    void createUserWhenLiveThenEntityAlreadyExistsAndWhenDeletedThenNewLife() {
        fixture.given(CREATED).when(new CreateUser(ALICE, "/", "AIDASECOND", java.util.Map.of(), T))
                .expectException(AwsServiceException.class).expectExceptionMessage("User with name Alice already exists.").expectNoEvents();
        fixture.given(CREATED, new UserDeleted(ALICE, "AIDAEXAMPLE", T)).when(new CreateUser(ALICE, "/", "AIDASECOND", java.util.Map.of(), T))
                .expectEvents(new UserCreated(ALICE, "/", "AIDASECOND", "arn:aws:iam::111122223333:user/Alice", T));
    }

    @Test
    void deleteUserWhenItHasAccessKeysOrPoliciesThenDeleteConflict() {
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAFIRST", T)).when(new DeleteUser(ALICE, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot delete entity, must delete access keys first.");
        fixture.given(CREATED, new UserPolicyPut(ALICE, "all", "{}")).when(new DeleteUser(ALICE, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot delete entity, must delete policies first.");
        fixture.given(CREATED, new UserPolicyPut(ALICE, "all", "{}"), new UserPolicyDeleted(ALICE, "all")).when(new DeleteUser(ALICE, T))
                .expectEvents(new UserDeleted(ALICE, "AIDAEXAMPLE", T));
    }

    @Test
    void commandWhenUserDeletedThenNoSuchEntity() {
        fixture.given(CREATED, new UserDeleted(ALICE, "AIDAEXAMPLE", T)).when(new CreateAccessKey(ALICE, "AKIAFIRST", T))
                .expectException(AwsServiceException.class).expectExceptionMessage("The user with name Alice cannot be found.");
        fixture.given(CREATED).when(new DeleteUserPolicy(ALICE, "none"))
                .expectException(AwsServiceException.class).expectExceptionMessage("The user policy with name none cannot be found.");
    }

    @Test
    void updateUserPathWhenNewThenPathChangedWithArnAndWhenSameThenNothing() {
        fixture.given(CREATED).when(new UpdateUserPath(ALICE, "/ops/"))
                .expectEvents(new UserPathChanged(ALICE, "/ops/", "arn:aws:iam::111122223333:user/ops/Alice"));
        fixture.given(CREATED).when(new UpdateUserPath(ALICE, "/team/")).expectNoEvents();
        fixture.given(CREATED, new UserPathChanged(ALICE, "/ops/", "arn:aws:iam::111122223333:user/ops/Alice"))
                .when(new UpdateUserPath(ALICE, "/ops/")).expectNoEvents();
    }

    @Test
    void renameUserWhenLiveThenLeavesItsNameAndHandsOverItsKeysAndPolicies() {
        UserRef alicia = new UserRef(ALICE.account(), "Alicia");
        fixture.given(CREATED, new AccessKeyCreated(ALICE, "AKIAKEY", T), new UserPolicyPut(ALICE, "inline", "{}"))
                .when(new RenameUser(ALICE, alicia, "/ops/"))
                .expectEvents(new UserRenamed(ALICE, alicia, "/ops/", "arn:aws:iam::111122223333:user/ops/Alicia"))
                .expectResultMessagePayload(new UserHandover("AIDAEXAMPLE", Map.of("AKIAKEY", true), Set.of("inline"), Map.of()));
        fixture.given(CREATED, new UserRenamed(ALICE, alicia, "/", "arn:aws:iam::111122223333:user/Alicia"))
                .when(new DeleteUser(ALICE, T)).expectException(AwsServiceException.class);
        fixture.given(CREATED, new UserRenamed(ALICE, alicia, "/", "arn:aws:iam::111122223333:user/Alicia"))
                .when(new CreateUser(ALICE, "/", "AIDASECOND", Map.of(), T))
                .expectEvents(new UserCreated(ALICE, "/", "AIDASECOND", "arn:aws:iam::111122223333:user/Alice", T));
    }

    @Test
    void receiveRenamedUserWhenNameFreeThenTheUserGoesOnUnderItWithItsKeysAndWhenTakenThenEntityAlreadyExists() {
        UserRef alicia = new UserRef(ALICE.account(), "Alicia");
        UserHandover handover = new UserHandover("AIDAEXAMPLE", Map.of("AKIAKEY", true), Set.of("inline"), Map.of());
        UserRenamedFrom arrived = new UserRenamedFrom(alicia, ALICE, "/", "AIDAEXAMPLE", "arn:aws:iam::111122223333:user/Alicia",
                Map.of("AKIAKEY", true), Set.of("inline"), Map.of(), T);
        fixture.givenNoPriorActivity().when(new ReceiveRenamedUser(alicia, ALICE, "/", handover, T)).expectEvents(arrived);
        // the keys and policies came along: the user cannot be deleted before they go
        fixture.given(arrived).when(new DeleteUser(alicia, T)).expectException(AwsServiceException.class)
                .expectExceptionMessage("Cannot delete entity, must delete access keys first.");
        fixture.given(new UserCreated(alicia, "/", "AIDAOTHER", "arn:aws:iam::111122223333:user/Alicia", T))
                .when(new ReceiveRenamedUser(alicia, ALICE, "/", handover, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("User with name Alicia already exists.");
    }

    @Test
    void renameUserWhenOnlyTheCaseChangesThenTheSameUserGoesOn() {
        UserRef upper = new UserRef(ALICE.account(), "ALICE");
        UserRenamed renamed = new UserRenamed(ALICE, upper, "/team/", "arn:aws:iam::111122223333:user/team/ALICE");
        fixture.given(CREATED).when(new RenameUser(ALICE, upper, "/team/")).expectEvents(renamed);
        fixture.given(CREATED, renamed).when(new PutUserPolicy(upper, "p", "{}")).expectEvents(new UserPolicyPut(upper, "p", "{}"));
    }
}
