package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.GroupCommands.AddUserToGroup;
import dev.mayfly.issuer.api.GroupCommands.CreateGroup;
import dev.mayfly.issuer.api.GroupCommands.DeleteGroup;
import dev.mayfly.issuer.api.GroupCommands.GroupHandover;
import dev.mayfly.issuer.api.GroupCommands.ReceiveRenamedGroup;
import dev.mayfly.issuer.api.GroupCommands.RemoveUserFromGroup;
import dev.mayfly.issuer.api.GroupCommands.RenameGroup;
import dev.mayfly.issuer.api.GroupCommands.UpdateGroupPath;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPathChanged;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamed;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamedFrom;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupEvents.UserRemovedFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final GroupRef ADMINS = new GroupRef(AccountId.of("111122223333"), "Admins");
    private static final GroupCreated CREATED = new GroupCreated(ADMINS, "/", "AGPAEXAMPLE", "arn:aws:iam::111122223333:group/Admins", T);

    private AggregateTestFixture<Group> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Group.class);
    }

    @Test
    void createGroupWhenNewThenGroupCreatedWithArn() {
        fixture.givenNoPriorActivity().when(new CreateGroup(ADMINS, "/", "AGPAEXAMPLE", T)).expectEvents(CREATED);
    }

    @Test
    void addUserToGroupWhenNotMemberThenAddedAndWhenMemberInAnyCaseThenNothing() {
        fixture.given(CREATED).when(new AddUserToGroup(ADMINS, "alice")).expectEvents(new UserAddedToGroup(ADMINS, "alice"));
        fixture.given(CREATED, new UserAddedToGroup(ADMINS, "alice")).when(new AddUserToGroup(ADMINS, "ALICE")).expectNoEvents();
    }

    @Test
    void removeUserFromGroupWhenMemberThenRemovedAndWhenNotThenNoSuchEntity() {
        fixture.given(CREATED, new UserAddedToGroup(ADMINS, "alice")).when(new RemoveUserFromGroup(ADMINS, "alice"))
                .expectEvents(new UserRemovedFromGroup(ADMINS, "alice"));
        fixture.given(CREATED).when(new RemoveUserFromGroup(ADMINS, "bob"))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void deleteGroupWhenMembersOrPoliciesThenDeleteConflictAndWhenEmptyThenDeleted() {
        fixture.given(CREATED, new UserAddedToGroup(ADMINS, "bob")).when(new DeleteGroup(ADMINS, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot delete entity, must remove users from group first.");
        fixture.given(CREATED, new GroupPolicyPut(ADMINS, "p", "{}")).when(new DeleteGroup(ADMINS, T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Cannot delete entity, must delete policies first.");
        fixture.given(CREATED, new GroupPolicyPut(ADMINS, "p", "{}"), new GroupPolicyDeleted(ADMINS, "p")).when(new DeleteGroup(ADMINS, T))
                .expectEvents(new GroupDeleted(ADMINS, "AGPAEXAMPLE", T));
    }

    @Test
    void updateGroupPathWhenNewThenPathChangedWithArnAndWhenSameThenNothing() {
        fixture.given(CREATED).when(new UpdateGroupPath(ADMINS, "/ops/"))
                .expectEvents(new GroupPathChanged(ADMINS, "/ops/", "arn:aws:iam::111122223333:group/ops/Admins"));
        fixture.given(CREATED).when(new UpdateGroupPath(ADMINS, "/")).expectNoEvents();
        fixture.given(CREATED, new GroupDeleted(ADMINS, "AGPAEXAMPLE", T)).when(new UpdateGroupPath(ADMINS, "/ops/"))
                .expectException(AwsServiceException.class);
    }

    @Test
    void renameGroupWhenLiveThenHandsOverItsMembersAndPoliciesAndLeavesItsName() {
        GroupRef ops = new GroupRef(ADMINS.account(), "Ops");
        fixture.given(CREATED, new UserAddedToGroup(ADMINS, "Bob"), new GroupPolicyPut(ADMINS, "p", "{}"))
                .when(new RenameGroup(ADMINS, ops, "/"))
                .expectEvents(new GroupRenamed(ADMINS, ops, "/", "arn:aws:iam::111122223333:group/Ops"))
                .expectResultMessagePayload(new GroupHandover("AGPAEXAMPLE", Set.of("bob"), Set.of("p")));
        fixture.given(CREATED, new GroupRenamed(ADMINS, ops, "/", "arn:aws:iam::111122223333:group/Ops"))
                .when(new AddUserToGroup(ADMINS, "bob")).expectException(AwsServiceException.class);
    }

    @Test
    void receiveRenamedGroupWhenNameFreeThenTheGroupGoesOnUnderItAndWhenTakenThenEntityAlreadyExists() {
        GroupRef ops = new GroupRef(ADMINS.account(), "Ops");
        GroupRenamedFrom arrived = new GroupRenamedFrom(ops, ADMINS, "/", "AGPAEXAMPLE", "arn:aws:iam::111122223333:group/Ops",
                Set.of("bob"), Set.of("p"), T);
        fixture.givenNoPriorActivity().when(new ReceiveRenamedGroup(ops, ADMINS, "/", "AGPAEXAMPLE", Set.of("bob"), Set.of("p"), T))
                .expectEvents(arrived);
        fixture.given(arrived).when(new DeleteGroup(ops, T)).expectException(AwsServiceException.class)
                .expectExceptionMessage("Cannot delete entity, must remove users from group first.");
        fixture.given(new GroupCreated(ops, "/", "AGPAOTHER", "arn:aws:iam::111122223333:group/Ops", T))
                .when(new ReceiveRenamedGroup(ops, ADMINS, "/", "AGPAEXAMPLE", Set.of(), Set.of(), T))
                .expectException(AwsServiceException.class).expectExceptionMessage("Group with name Ops already exists.");
    }
}
