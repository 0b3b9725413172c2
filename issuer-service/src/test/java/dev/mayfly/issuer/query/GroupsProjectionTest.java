package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamed;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupEvents.UserRemovedFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.GroupView;
import org.junit.jupiter.api.Test;
import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.ALLOW_GET;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

class GroupsProjectionTest {

    private static final GroupRef ADMINS = new GroupRef(ACCOUNT, "admins");
    private static final GroupRef READERS = new GroupRef(ACCOUNT, "Readers");
    private static final UserRef ALICE = new UserRef(ACCOUNT, "alice");

    private static GroupCreated created(GroupRef group) {
        return new GroupCreated(group, "/", "AGPA" + group.groupName().toUpperCase(java.util.Locale.ROOT),
                "arn:aws:iam::" + group.account().value() + ":group/" + group.groupName(), T);
    }

    @Test
    void groupWhenUserAddedInAnotherCaseThenListsTheMemberCaseFolded() {
        GroupsProjection groups = given(new GroupsProjection(), created(ADMINS), new UserAddedToGroup(ADMINS, "Alice"));

        assertThat(groups.group(ADMINS).orElseThrow().members()).containsExactly("alice");
    }

    @Test
    void groupsOfWhenUserAddedToTwoGroupsThenBothByName() {
        GroupsProjection groups = given(new GroupsProjection(), created(READERS), created(ADMINS),
                new UserAddedToGroup(READERS, "alice"), new UserAddedToGroup(ADMINS, "alice"));

        assertThat(groups.groupsOf(ALICE)).extracting(GroupView::groupName).containsExactly("Readers", "admins");
    }

    @Test
    void groupsOfWhenUserRemovedFromAGroupThenNeitherListsTheOther() {
        GroupsProjection groups = given(new GroupsProjection(), created(READERS), created(ADMINS),
                new UserAddedToGroup(READERS, "alice"), new UserAddedToGroup(ADMINS, "alice"), new UserRemovedFromGroup(ADMINS, "alice"));

        assertThat(groups.groupsOf(ALICE)).extracting(GroupView::groupName).containsExactly("Readers");
        assertThat(groups.group(ADMINS).orElseThrow().members()).isEmpty();
    }

    @Test
    void groupsOfWhenTheUserIsDeletedThenNone() {
        GroupsProjection groups = given(new GroupsProjection(), created(ADMINS), new UserAddedToGroup(ADMINS, "alice"),
                new UserDeleted(ALICE, "AIDAALICE", T));

        assertThat(groups.groupsOf(ALICE)).isEmpty();
    }

    @Test
    void groupsOfWhenTheGroupIsDeletedThenLeavesItOut() {
        GroupsProjection groups = given(new GroupsProjection(), created(ADMINS), created(READERS), new UserAddedToGroup(ADMINS, "alice"),
                new UserAddedToGroup(READERS, "alice"), new GroupDeleted(ADMINS, "AGPAADMINS", T));

        assertThat(groups.group(ADMINS)).isEmpty();
        assertThat(groups.groupsOf(ALICE)).extracting(GroupView::groupName).containsExactly("Readers");
    }

    @Test
    void groupWhenPoliciesPutAndOneDeletedThenKeepsTheOther() {
        GroupsProjection groups = given(new GroupsProjection(), created(ADMINS), new GroupPolicyPut(ADMINS, "read", ALLOW_GET),
                new GroupPolicyPut(ADMINS, "gone", ALLOW_GET), new GroupPolicyDeleted(ADMINS, "gone"));

        assertThat(groups.group(ADMINS).orElseThrow().policies()).containsOnlyKeys("read");
    }

    @Test
    void groupsInWhenSeveralAccountsThenTheAccountsOnlyByNameWithoutRegardToCase() {
        GroupsProjection groups = given(new GroupsProjection(), created(READERS), created(ADMINS), created(new GroupRef(OTHER_ACCOUNT, "all")));

        assertThat(groups.groupsIn(ACCOUNT)).extracting(GroupView::groupName).containsExactly("admins", "Readers");
    }

    @Test
    void groupWhenRenamedThenMembersFindItUnderTheNewName() {
        GroupRef ops = new GroupRef(ACCOUNT, "ops");
        GroupsProjection groups = given(new GroupsProjection(), created(ADMINS), new UserAddedToGroup(ADMINS, "alice"),
                new GroupRenamed(ADMINS, ops, "/team/", "arn:aws:iam::123456789012:group/team/ops"));
        assertThat(groups.group(ADMINS)).isEmpty();
        assertThat(groups.group(ops).orElseThrow().members()).containsExactly("alice");
        assertThat(groups.groupsOf(ALICE)).extracting(g -> g.groupName() + g.path()).containsExactly("ops/team/");
    }
}
