package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;

/**
 * UpdateUser and UpdateGroup through the AWS SDK: a new path moves the entity (its ARN, what lists filter on), the name
 * stays, a new name is refused; and what hostile, foreign or unauthorized requests get.
 */
class UpdateUserAndGroupTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void updateUserWhenNewPathThenMovedForGetAndListsAndKeysStillSign() {
        NewAccount account = IssuerFixture.newAccount("update-user");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("mover").path("/old/"));
        var key = rootIam.createAccessKey(r -> r.userName("mover")).accessKey();
        rootIam.putUserPolicy(r -> r.userName("mover").policyName("self").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}}"""));

        rootIam.updateUser(r -> r.userName("MOVER").newPath("/new/"));
        User moved = rootIam.getUser(r -> r.userName("mover")).user();
        assertThat(moved.path()).isEqualTo("/new/");
        assertThat(moved.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/new/mover");
        assertThat(rootIam.listUsers(r -> r.pathPrefix("/new/")).users()).extracting(User::userName).containsExactly("mover");
        assertThat(rootIam.listUsers(r -> r.pathPrefix("/old/")).users()).isEmpty();
        assertThat(iam(credentials(key.accessKeyId(), key.secretAccessKey())).getUser().user().arn()).isEqualTo(moved.arn());
        rootIam.updateUser(r -> r.userName("mover"));
        assertThat(rootIam.getUser(r -> r.userName("mover")).user().path()).isEqualTo("/new/");
    }

    @Test
    void updateGroupWhenNewPathThenMovedAndMembersKept() {
        NewAccount account = IssuerFixture.newAccount("update-group");
        IamClient rootIam = iam(root(account));
        rootIam.createGroup(r -> r.groupName("crew"));
        rootIam.createUser(r -> r.userName("member"));
        rootIam.addUserToGroup(r -> r.groupName("crew").userName("member"));

        rootIam.updateGroup(r -> r.groupName("crew").newPath("/ops/"));
        var group = rootIam.getGroup(r -> r.groupName("crew"));
        assertThat(group.group().arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":group/ops/crew");
        assertThat(group.users()).extracting(User::userName).containsExactly("member");
        assertThat(rootIam.listGroupsForUser(r -> r.userName("member")).groups().getFirst().path()).isEqualTo("/ops/");
    }

    @Test
    void updateUserAndGroupWhenHostileForeignOrUnauthorizedThenRefusedAsIamRefuses() {
        NewAccount account = IssuerFixture.newAccount("update-hostile");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("target"));
        rootIam.createGroup(r -> r.groupName("team"));
        for (String path : List.of("no-slash", "/unterminated", "/" + "p".repeat(511) + "/", "/tab\t/")) {
            assertThatThrownBy(() -> rootIam.updateUser(r -> r.userName("target").newPath(path)))
                    .as(path).satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> rootIam.updateGroup(r -> r.groupName("team").newPath(path)))
                    .as(path).satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        }
        assertThatThrownBy(() -> rootIam.updateUser(r -> r.userName("target").newUserName("bad/name")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.updateUser(r -> r.userName("ghost").newPath("/x/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> rootIam.updateGroup(r -> r.groupName("ghost").newPath("/x/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> rootIam.updateUser(r -> r.userName("target").newUserName("Target")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));

        IamClient other = iam(root(IssuerFixture.newAccount("update-other")));
        assertThatThrownBy(() -> other.updateUser(r -> r.userName("target").newPath("/stolen/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        rootIam.createUser(r -> r.userName("nobody"));
        var key = rootIam.createAccessKey(r -> r.userName("nobody")).accessKey();
        IamClient nobody = iam(credentials(key.accessKeyId(), key.secretAccessKey()));
        assertThatThrownBy(() -> nobody.updateUser(r -> r.userName("target").newPath("/moved/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> nobody.updateGroup(r -> r.groupName("team").newPath("/moved/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(rootIam.getUser(r -> r.userName("target")).user().path()).isEqualTo("/");
    }
}
