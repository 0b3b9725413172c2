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
 * UpdateUser and UpdateGroup through the AWS SDK: a new path moves the entity (its ARN, what lists filter on), a new name
 * renames it with everything it has (keys that go on signing, groups, policies, members), the old name free at once;
 * and what hostile, foreign or unauthorized requests get.
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
        rootIam.createUser(r -> r.userName("taken"));
        assertThatThrownBy(() -> rootIam.updateUser(r -> r.userName("target").newUserName("TAKEN").newPath("/moved/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"));
        rootIam.createGroup(r -> r.groupName("taken-group"));
        assertThatThrownBy(() -> rootIam.updateGroup(r -> r.groupName("team").newGroupName("Taken-Group")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"));
        assertThat(rootIam.getGroup(r -> r.groupName("team")).group().path()).isEqualTo("/");

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

    @Test
    void updateUserWhenNewNameThenRenamedWithItsKeysGroupsAndPoliciesAndTheOldNameFree() {
        NewAccount account = IssuerFixture.newAccount("rename-user");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("alice").path("/team/"));
        String userId = rootIam.getUser(r -> r.userName("alice")).user().userId();
        var key = rootIam.createAccessKey(r -> r.userName("alice")).accessKey();
        rootIam.createGroup(r -> r.groupName("readers"));
        rootIam.addUserToGroup(r -> r.groupName("readers").userName("alice"));
        rootIam.putGroupPolicy(r -> r.groupName("readers").policyName("list").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}}"""));
        rootIam.putUserPolicy(r -> r.userName("alice").policyName("self").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}}"""));
        String policyArn = rootIam.createPolicy(r -> r.policyName("groups").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListGroupsForUser","Resource":"*"}}""")).policy().arn();
        rootIam.attachUserPolicy(r -> r.userName("alice").policyArn(policyArn));

        rootIam.updateUser(r -> r.userName("alice").newUserName("alicia"));
        User renamed = rootIam.getUser(r -> r.userName("alicia")).user();
        assertThat(renamed.userId()).isEqualTo(userId);
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/team/alicia");
        assertThatThrownBy(() -> rootIam.getUser(r -> r.userName("alice"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThat(rootIam.listAccessKeys(r -> r.userName("alicia")).accessKeyMetadata()).extracting(k -> k.accessKeyId())
                .containsExactly(key.accessKeyId());
        assertThat(rootIam.getGroup(r -> r.groupName("readers")).users()).extracting(User::userName).containsExactly("alicia");
        assertThat(rootIam.listUserPolicies(r -> r.userName("alicia")).policyNames()).containsExactly("self");
        assertThat(rootIam.listEntitiesForPolicy(r -> r.policyArn(policyArn)).policyUsers()).extracting(u -> u.userName())
                .containsExactly("alicia");
        // the key goes on signing, as the renamed user, with every permission it had: inline, group and attached
        IamClient alicia = iam(credentials(key.accessKeyId(), key.secretAccessKey()));
        assertThat(alicia.getUser().user().userName()).isEqualTo("alicia");
        assertThat(alicia.listUsers().users()).extracting(User::userName).contains("alicia");
        assertThat(alicia.listGroupsForUser(r -> r.userName("alicia")).groups()).hasSize(1);

        // the old name is free at once, for a new user with a new id
        rootIam.createUser(r -> r.userName("alice"));
        assertThat(rootIam.getUser(r -> r.userName("alice")).user().userId()).isNotEqualTo(userId);
        assertThat(rootIam.listGroupsForUser(r -> r.userName("alice")).groups()).isEmpty();
        // a change of case only is a rename too, in the same stream
        rootIam.updateUser(r -> r.userName("alicia").newUserName("Alicia"));
        assertThat(rootIam.getUser(r -> r.userName("alicia")).user().userName()).isEqualTo("Alicia");
        assertThat(alicia.getUser().user().userName()).isEqualTo("Alicia");
    }

    @Test
    void updateGroupWhenNewNameThenRenamedWithItsMembersAndPoliciesAndTheOldNameFree() {
        NewAccount account = IssuerFixture.newAccount("rename-group");
        IamClient rootIam = iam(root(account));
        rootIam.createGroup(r -> r.groupName("devs"));
        String groupId = rootIam.getGroup(r -> r.groupName("devs")).group().groupId();
        rootIam.createUser(r -> r.userName("bob"));
        var key = rootIam.createAccessKey(r -> r.userName("bob")).accessKey();
        rootIam.addUserToGroup(r -> r.groupName("devs").userName("bob"));
        rootIam.putGroupPolicy(r -> r.groupName("devs").policyName("list").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}}"""));
        String policyArn = rootIam.createPolicy(r -> r.policyName("get").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetGroup","Resource":"*"}}""")).policy().arn();
        rootIam.attachGroupPolicy(r -> r.groupName("devs").policyArn(policyArn));

        rootIam.updateGroup(r -> r.groupName("devs").newGroupName("engineers").newPath("/eng/"));
        var renamed = rootIam.getGroup(r -> r.groupName("engineers"));
        assertThat(renamed.group().groupId()).isEqualTo(groupId);
        assertThat(renamed.group().arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":group/eng/engineers");
        assertThat(renamed.users()).extracting(User::userName).containsExactly("bob");
        assertThat(rootIam.listGroupsForUser(r -> r.userName("bob")).groups()).extracting(g -> g.groupName()).containsExactly("engineers");
        assertThat(rootIam.listGroupPolicies(r -> r.groupName("engineers")).policyNames()).containsExactly("list");
        assertThat(rootIam.listAttachedGroupPolicies(r -> r.groupName("engineers")).attachedPolicies()).hasSize(1);
        IamClient bob = iam(credentials(key.accessKeyId(), key.secretAccessKey()));
        assertThat(bob.listUsers().users()).isNotEmpty();
        assertThat(bob.getGroup(r -> r.groupName("engineers")).group().groupName()).isEqualTo("engineers");
        assertThatThrownBy(() -> rootIam.getGroup(r -> r.groupName("devs"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        rootIam.createGroup(r -> r.groupName("devs"));
        assertThat(rootIam.getGroup(r -> r.groupName("devs")).users()).isEmpty();
        // the renamed group is deleted as any other, once emptied
        rootIam.removeUserFromGroup(r -> r.groupName("engineers").userName("bob"));
        rootIam.deleteGroupPolicy(r -> r.groupName("engineers").policyName("list"));
        rootIam.detachGroupPolicy(r -> r.groupName("engineers").policyArn(policyArn));
        rootIam.deleteGroup(r -> r.groupName("engineers"));
        assertThat(rootIam.getPolicy(r -> r.policyArn(policyArn)).policy().attachmentCount()).isZero();
    }

    @Test
    void renameWhenCallerMayUpdateTheOldNameButNotTheNewThenAccessDenied() {
        NewAccount account = IssuerFixture.newAccount("rename-authz");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("dev-carol"));
        rootIam.createUser(r -> r.userName("admin"));
        rootIam.putUserPolicy(r -> r.userName("admin").policyName("rename").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:UpdateUser","Resource":"arn:aws:iam::%s:user/dev-*"}}"""
                .formatted(account.accountId())));
        var key = rootIam.createAccessKey(r -> r.userName("admin")).accessKey();
        IamClient admin = iam(credentials(key.accessKeyId(), key.secretAccessKey()));

        assertThatThrownBy(() -> admin.updateUser(r -> r.userName("dev-carol").newUserName("prod-carol")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(rootIam.getUser(r -> r.userName("dev-carol")).user().userName()).isEqualTo("dev-carol");
        admin.updateUser(r -> r.userName("dev-carol").newUserName("dev-caroline"));
        assertThat(rootIam.getUser(r -> r.userName("dev-caroline")).user().userName()).isEqualTo("dev-caroline");
    }

    @Test
    void moveWhenCallerMayUpdateTheOldPathButNotTheNewThenAccessDeniedAndNothingMoves() {
        // IAM's "move" needs permission on both sides: one who manages /sandbox/ must not put a user or group in /admins/,
        // where policies that read aws:PrincipalArn would grant it what /admins/ has
        NewAccount account = IssuerFixture.newAccount("move-authz");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("intern").path("/sandbox/"));
        rootIam.createGroup(r -> r.groupName("interns").path("/sandbox/"));
        rootIam.createUser(r -> r.userName("sandbox-admin"));
        rootIam.putUserPolicy(r -> r.userName("sandbox-admin").policyName("sandbox").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:UpdateUser","iam:UpdateGroup"],
                 "Resource":["arn:aws:iam::%1$s:user/sandbox/*","arn:aws:iam::%1$s:group/sandbox/*"]}}""".formatted(account.accountId())));
        var key = rootIam.createAccessKey(r -> r.userName("sandbox-admin")).accessKey();
        IamClient sandboxAdmin = iam(credentials(key.accessKeyId(), key.secretAccessKey()));

        assertThatThrownBy(() -> sandboxAdmin.updateUser(r -> r.userName("intern").newPath("/admins/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sandboxAdmin.updateGroup(r -> r.groupName("interns").newPath("/admins/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(rootIam.getUser(r -> r.userName("intern")).user().path()).isEqualTo("/sandbox/");
        assertThat(rootIam.getGroup(r -> r.groupName("interns")).group().path()).isEqualTo("/sandbox/");
        sandboxAdmin.updateUser(r -> r.userName("intern").newPath("/sandbox/2027/"));
        sandboxAdmin.updateGroup(r -> r.groupName("interns").newPath("/sandbox/2027/"));
        assertThat(rootIam.getUser(r -> r.userName("intern")).user().path()).isEqualTo("/sandbox/2027/");
        assertThat(rootIam.getGroup(r -> r.groupName("interns")).group().path()).isEqualTo("/sandbox/2027/");
    }
}
