package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPathChanged;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyDeleted;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserRenamed;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserEvents.UserUntagged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.UserView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.ALLOW_GET;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

class UsersProjectionTest {

    private static final UserRef ALICE = new UserRef(ACCOUNT, "alice");
    private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";

    private static UserCreated created(UserRef user) {
        return new UserCreated(user, "/team/", "AIDA" + user.userName().toUpperCase(java.util.Locale.ROOT),
                "arn:aws:iam::" + user.account().value() + ":user/team/" + user.userName(), T);
    }

    @Test
    void userWhenCreatedThenHasNoPoliciesBoundaryOrTags() {
        UsersProjection users = given(new UsersProjection(), created(ALICE));

        assertThat(users.user(ALICE)).contains(new UserView(ACCOUNT, "alice", "AIDAALICE", "/team/",
                "arn:aws:iam::123456789012:user/team/alice", T, Map.of(), null, Map.of()));
    }

    @Test
    void userWhenTwoPoliciesPutAndOneDeletedThenKeepsTheOtherParsed() {
        UsersProjection users = given(new UsersProjection(), created(ALICE), new UserPolicyPut(ALICE, "read", ALLOW_GET),
                new UserPolicyPut(ALICE, "gone", ALLOW_GET), new UserPolicyDeleted(ALICE, "gone"));

        UserView alice = users.user(ALICE).orElseThrow();
        assertThat(alice.policies()).containsOnlyKeys("read");
        assertThat(alice.policies().get("read").document()).isEqualTo(ALLOW_GET);
        assertThat(alice.policies().get("read").parsed()).isNotNull();
    }

    @Test
    void userWhenBoundarySetThenKeepsItsPolicies() {
        UsersProjection users = given(new UsersProjection(), created(ALICE), new UserPolicyPut(ALICE, "read", ALLOW_GET),
                new UserPermissionsBoundarySet(ALICE, BOUNDARY));

        assertThat(users.user(ALICE).orElseThrow().permissionsBoundary()).isEqualTo(BOUNDARY);
        assertThat(users.user(ALICE).orElseThrow().policies()).containsOnlyKeys("read");
    }

    @Test
    void userWhenTaggedThenUntaggedInAnotherCaseThenKeepsTheOtherTags() {
        UsersProjection users = given(new UsersProjection(), created(ALICE), new UserTagged(ALICE, Map.of("Team", "a", "Cost", "1")),
                new UserUntagged(ALICE, List.of("team")));

        assertThat(users.user(ALICE).orElseThrow().tags()).isEqualTo(Map.of("Cost", "1"));
    }

    @Test
    void userWhenDeletedThenIsGone() {
        UsersProjection users = given(new UsersProjection(), created(ALICE), new UserDeleted(ALICE, "AIDAALICE", T.plusSeconds(60)));

        assertThat(users.user(ALICE)).isEmpty();
        assertThat(users.usersIn(ACCOUNT)).isEmpty();
    }

    @Test
    void userWhenAChangeNamesAnUnknownUserThenNoUserAppears() {
        UsersProjection users = given(new UsersProjection(), new UserTagged(ALICE, Map.of("Team", "a")));

        assertThat(users.user(ALICE)).isEmpty();
    }

    @Test
    void usersInWhenSeveralAccountsThenTheAccountsOnlyByNameWithoutRegardToCase() {
        UsersProjection users = given(new UsersProjection(), created(new UserRef(ACCOUNT, "carol")), created(new UserRef(ACCOUNT, "Bob")),
                created(ALICE), created(new UserRef(OTHER_ACCOUNT, "aaron")));

        assertThat(users.usersIn(ACCOUNT)).extracting(UserView::userName).containsExactly("alice", "Bob", "carol");
    }

    @Test
    void userWhenPathChangedThenHasTheNewPathAndArnAndKeepsItsId() {
        UsersProjection users = given(new UsersProjection(), created(ALICE),
                new UserPathChanged(ALICE, "/ops/", "arn:aws:iam::123456789012:user/ops/alice"));
        UserView alice = users.user(ALICE).orElseThrow();
        assertThat(alice.path()).isEqualTo("/ops/");
        assertThat(alice.arn()).isEqualTo("arn:aws:iam::123456789012:user/ops/alice");
        assertThat(alice.userId()).isEqualTo("AIDAALICE");
    }

    @Test
    void userWhenRenamedThenFoundUnderTheNewNameOnlyWithItsIdAndPolicies() {
        UserRef alicia = new UserRef(ACCOUNT, "alicia");
        UsersProjection users = given(new UsersProjection(), created(ALICE), new UserPolicyPut(ALICE, "read", ALLOW_GET),
                new UserRenamed(ALICE, alicia, "/ops/", "arn:aws:iam::123456789012:user/ops/alicia"));
        assertThat(users.user(ALICE)).isEmpty();
        UserView renamed = users.user(alicia).orElseThrow();
        assertThat(renamed.userId()).isEqualTo("AIDAALICE");
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::123456789012:user/ops/alicia");
        assertThat(renamed.policies()).containsKey("read");
    }
}
