package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Terraform's aws_iam_user, aws_iam_group, aws_iam_group_membership, aws_iam_access_key, aws_iam_user_policy and
 * aws_iam_user_policy_attachment against Mayfly: each test replays the calls terraform-provider-aws makes to create,
 * read back, update, import and destroy the resource ({@link TerraformProvider}), and checks what the provider would
 * keep in its state.
 */
class TerraformUserResourcesReplayTest {

    private static final String ALLOW_GET = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static final String ALLOW_LIST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""";

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    /** resourceUserRead: GetUser, retried while a new user is not found. */
    private static User readUser(TerraformProvider provider, String name) {
        return provider.retryWhenNotFound(() -> provider.iam.getUser(r -> r.userName(name)).user());
    }

    @Test
    void awsIamUserWhenCreatedReadUpdatedImportedAndForceDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-user");
        IamClient setup = iam(root(account));
        String boundaryArn = setup.createPolicy(r -> r.policyName("boundary").policyDocument(ALLOW_GET)).policy().arn();
        String readArn = setup.createPolicy(r -> r.policyName("read").policyDocument(ALLOW_GET)).policy().arn();
        setup.createGroup(r -> r.groupName("developers"));
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: CreateUser with path, tags and boundary; read
        provider.iam.createUser(r -> r.userName("tf-user").path("/tf/").permissionsBoundary(boundaryArn).tags(tag("Team", "web")));
        User created = readUser(provider, "tf-user");
        assertThat(provider.calls()).containsExactly("CreateUser", "GetUser");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/tf/tf-user");
        assertThat(created.userId()).startsWith("AIDA");
        assertThat(created.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundaryArn);
        assertThat(created.tags()).containsExactly(tag("Team", "web"));

        // what a user in use has: a group, an inline and an attached policy, an access key, which a rename keeps
        setup.addUserToGroup(r -> r.groupName("developers").userName("tf-user"));
        setup.putUserPolicy(r -> r.userName("tf-user").policyName("inline").policyDocument(ALLOW_LIST));
        setup.attachUserPolicy(r -> r.userName("tf-user").policyArn(readArn));
        var key = setup.createAccessKey(r -> r.userName("tf-user")).accessKey();

        // update: name and path go by one UpdateUser (the old name, the new name, the path), then the id is the new
        // name; boundary removed; tags untagged then tagged
        provider.iam.updateUser(r -> r.userName("tf-user").newUserName("tf-renamed").newPath("/tf/moved/"));
        provider.iam.deleteUserPermissionsBoundary(r -> r.userName("tf-renamed"));
        provider.iam.untagUser(r -> r.userName("tf-renamed").tagKeys("Team"));
        provider.iam.tagUser(r -> r.userName("tf-renamed").tags(tag("Owner", "ops")));
        User updated = readUser(provider, "tf-renamed");
        assertThat(provider.calls()).containsExactly("UpdateUser", "DeleteUserPermissionsBoundary", "UntagUser", "TagUser", "GetUser");
        assertThat(updated.path()).isEqualTo("/tf/moved/");
        assertThat(updated.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/tf/moved/tf-renamed");
        assertThat(updated.userId()).isEqualTo(created.userId());
        assertThat(updated.permissionsBoundary()).isNull();
        assertThat(updated.tags()).containsExactly(tag("Owner", "ops"));
        assertThatThrownBy(() -> setup.getUser(r -> r.userName("tf-user"))).isInstanceOf(NoSuchEntityException.class);
        assertThat(setup.listGroupsForUser(r -> r.userName("tf-renamed")).groups()).extracting(Group::groupName).containsExactly("developers");
        assertThat(setup.listUserPolicies(r -> r.userName("tf-renamed")).policyNames()).containsExactly("inline");
        assertThat(setup.listAttachedUserPolicies(r -> r.userName("tf-renamed")).attachedPolicies()).extracting(AttachedPolicy::policyArn)
                .containsExactly(readArn);
        assertThat(IssuerFixture.sts(IssuerFixture.credentials(key.accessKeyId(), key.secretAccessKey())).getCallerIdentity().arn())
                .isEqualTo(updated.arn());

        // import: terraform import aws_iam_user.u tf-renamed
        assertThat(readUser(provider, "tf-renamed").userId()).isEqualTo(created.userId());
        provider.calls();

        // destroy with force_destroy = true
        for (Group group : provider.iam.listGroupsForUserPaginator(r -> r.userName("tf-renamed")).groups()) {
            provider.deleteIgnoringNotFound(() -> provider.iam.removeUserFromGroup(r -> r.groupName(group.groupName()).userName("tf-renamed")));
        }
        for (String policy : provider.iam.listUserPoliciesPaginator(r -> r.userName("tf-renamed")).policyNames()) {
            provider.iam.deleteUserPolicy(r -> r.userName("tf-renamed").policyName(policy));
        }
        for (AttachedPolicy policy : provider.iam.listAttachedUserPoliciesPaginator(r -> r.userName("tf-renamed")).attachedPolicies()) {
            provider.deleteIgnoringNotFound(() -> provider.iam.detachUserPolicy(r -> r.userName("tf-renamed").policyArn(policy.policyArn())));
        }
        for (AccessKeyMetadata held : provider.iam.listAccessKeysPaginator(r -> r.userName("tf-renamed")).accessKeyMetadata()) {
            provider.iam.deleteAccessKey(r -> r.userName("tf-renamed").accessKeyId(held.accessKeyId()));
        }
        assertThat(provider.iam.listSSHPublicKeysPaginator(r -> r.userName("tf-renamed")).sshPublicKeys()).isEmpty();
        for (VirtualMFADevice device : provider.iam.listVirtualMFADevicesPaginator(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices()) {
            assertThat(device.user().userName()).isNotEqualTo("tf-renamed");
        }
        for (MFADevice device : provider.iam.listMFADevicesPaginator(r -> r.userName("tf-renamed")).mfaDevices()) {
            provider.iam.deactivateMFADevice(r -> r.userName("tf-renamed").serialNumber(device.serialNumber()));
        }
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteLoginProfile(r -> r.userName("tf-renamed")));
        assertThat(provider.iam.listSigningCertificatesPaginator(r -> r.userName("tf-renamed")).certificates()).isEmpty();
        assertThat(provider.iam.listServiceSpecificCredentials(r -> r.userName("tf-renamed")).serviceSpecificCredentials()).isEmpty();
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteUser(r -> r.userName("tf-renamed")));
        assertThat(provider.calls()).containsExactly("ListGroupsForUser", "RemoveUserFromGroup", "ListUserPolicies", "DeleteUserPolicy",
                "ListAttachedUserPolicies", "DetachUserPolicy", "ListAccessKeys", "DeleteAccessKey", "ListSSHPublicKeys",
                "ListVirtualMFADevices", "ListMFADevices", "DeleteLoginProfile:NoSuchEntity", "ListSigningCertificates",
                "ListServiceSpecificCredentials", "DeleteUser");
        assertThatThrownBy(() -> provider.iam.getUser(r -> r.userName("tf-renamed"))).isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.retries()).isZero();
    }

    @Test
    void awsIamGroupWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-group");
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: CreateGroup, wait until found, read
        provider.iam.createGroup(r -> r.groupName("tf-group").path("/tf/"));
        provider.retryWhenNotFound(() -> provider.iam.getGroup(r -> r.groupName("tf-group")));
        Group created = provider.iam.getGroup(r -> r.groupName("tf-group")).group();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":group/tf/tf-group");
        assertThat(created.groupId()).startsWith("AGPA");

        // update: UpdateGroup with the old name, the new name and the path, then the id is the new name; a path alone
        // goes the same way, with the name as it is
        provider.iam.updateGroup(r -> r.groupName("tf-group").newGroupName("tf-renamed").newPath("/tf/moved/"));
        Group updated = provider.iam.getGroup(r -> r.groupName("tf-renamed")).group();
        assertThat(updated.path()).isEqualTo("/tf/moved/");
        assertThat(updated.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":group/tf/moved/tf-renamed");
        assertThat(updated.groupId()).isEqualTo(created.groupId());
        provider.iam.updateGroup(r -> r.groupName("tf-renamed").newGroupName("tf-renamed").newPath("/tf/"));
        assertThat(provider.iam.getGroup(r -> r.groupName("tf-renamed")).group().path()).isEqualTo("/tf/");

        // import: terraform import aws_iam_group.g tf-renamed
        assertThat(provider.iam.getGroup(r -> r.groupName("tf-renamed")).group().groupId()).isEqualTo(created.groupId());

        // destroy: DeleteGroup (NoSuchEntity taken for done); the next refresh finds it gone
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteGroup(r -> r.groupName("tf-renamed")));
        assertThatThrownBy(() -> provider.iam.getGroup(r -> r.groupName("tf-renamed"))).isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.calls()).containsExactly("CreateGroup", "GetGroup", "GetGroup", "UpdateGroup", "GetGroup", "UpdateGroup",
                "GetGroup", "GetGroup", "DeleteGroup", "GetGroup:NoSuchEntity");
        assertThat(provider.retries()).isZero();
    }

    /** resourceGroupMembershipRead: every page of GetGroup's users (retried while a new group is not found). */
    private static List<String> members(TerraformProvider provider, String group) {
        // two a page here (the provider asks for IAM's default), so that the read goes through the paging as its paginator does
        return provider.retryWhenNotFound(() -> provider.iam.getGroupPaginator(r -> r.groupName(group).maxItems(2)).users().stream()
                .map(User::userName).toList());
    }

    @Test
    void awsIamGroupMembershipWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-membership");
        IamClient setup = iam(root(account));
        setup.createGroup(r -> r.groupName("team"));
        for (String user : List.of("ann", "bob", "cat", "dan")) {
            setup.createUser(r -> r.userName(user));
        }
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: AddUserToGroup for each user, then read every page
        for (String user : List.of("ann", "bob", "cat")) {
            provider.iam.addUserToGroup(r -> r.groupName("team").userName(user));
        }
        assertThat(members(provider, "team")).containsExactlyInAnyOrder("ann", "bob", "cat");
        assertThat(provider.calls()).containsExactly("AddUserToGroup", "AddUserToGroup", "AddUserToGroup", "GetGroup", "GetGroup");

        // update: users = [ann, dan]: the removed first, then the added
        for (String user : List.of("bob", "cat")) {
            provider.deleteIgnoringNotFound(() -> provider.iam.removeUserFromGroup(r -> r.groupName("team").userName(user)));
        }
        provider.iam.addUserToGroup(r -> r.groupName("team").userName("dan"));
        assertThat(members(provider, "team")).containsExactlyInAnyOrder("ann", "dan");

        // import (read by the group's name) and destroy: every user removed
        assertThat(members(provider, "team")).containsExactlyInAnyOrder("ann", "dan");
        for (String user : List.of("ann", "dan")) {
            provider.deleteIgnoringNotFound(() -> provider.iam.removeUserFromGroup(r -> r.groupName("team").userName(user)));
        }
        assertThat(members(provider, "team")).isEmpty();
        assertThat(setup.listGroupsForUser(r -> r.userName("ann")).groups()).isEmpty();
        assertThat(provider.retries()).isZero();
    }

    /** FindAccessKey: the user's keys, every page, looked through for the id. */
    private static AccessKeyMetadata findAccessKey(TerraformProvider provider, String user, String id) {
        return provider.iam.listAccessKeysPaginator(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(key -> key.accessKeyId().equals(id)).findFirst().orElse(null);
    }

    @Test
    void awsIamAccessKeyWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-access-key");
        iam(root(account)).createUser(r -> r.userName("ci"));
        TerraformProvider provider = new TerraformProvider(root(account));

        // create with status = "Inactive": CreateAccessKey, then UpdateAccessKey; the secret is kept from the answer
        AccessKey created = provider.iam.createAccessKey(r -> r.userName("ci")).accessKey();
        assertThat(created.secretAccessKey()).hasSize(40);
        assertThat(created.status()).isEqualTo(StatusType.ACTIVE);
        provider.iam.updateAccessKey(r -> r.userName("ci").accessKeyId(created.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(findAccessKey(provider, "ci", created.accessKeyId()).status()).isEqualTo(StatusType.INACTIVE);

        // update: status = "Active"
        provider.iam.updateAccessKey(r -> r.userName("ci").accessKeyId(created.accessKeyId()).status(StatusType.ACTIVE));
        AccessKeyMetadata read = findAccessKey(provider, "ci", created.accessKeyId());
        assertThat(read.status()).isEqualTo(StatusType.ACTIVE);
        assertThat(read.userName()).isEqualTo("ci");

        // import by the key id alone: GetAccessKeyLastUsed names the user, then the read
        String user = provider.iam.getAccessKeyLastUsed(r -> r.accessKeyId(created.accessKeyId())).userName();
        assertThat(user).isEqualTo("ci");
        assertThat(findAccessKey(provider, user, created.accessKeyId()).createDate()).isNotNull();

        // destroy: DeleteAccessKey; the next refresh does not find it
        provider.iam.deleteAccessKey(r -> r.userName("ci").accessKeyId(created.accessKeyId()));
        assertThat(findAccessKey(provider, "ci", created.accessKeyId())).isNull();
        assertThat(provider.calls()).containsExactly("CreateAccessKey", "UpdateAccessKey", "ListAccessKeys", "UpdateAccessKey",
                "ListAccessKeys", "GetAccessKeyLastUsed", "ListAccessKeys", "DeleteAccessKey", "ListAccessKeys");
        assertThat(provider.retries()).isZero();
    }

    @Test
    void awsIamUserPolicyWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-user-policy");
        iam(root(account)).createUser(r -> r.userName("ci"));
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: PutUserPolicy, id "ci:inline"; read: GetUserPolicy, retried while a new one is not found
        provider.iam.putUserPolicy(r -> r.userName("ci").policyName("inline").policyDocument(ALLOW_GET));
        String document = provider.retryWhenNotFound(() -> provider.iam.getUserPolicy(r -> r.userName("ci").policyName("inline"))
                .policyDocument());
        assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).isEqualTo(ALLOW_GET);
        // update: PutUserPolicy under the same name; import: "ci:inline", then the read
        provider.iam.putUserPolicy(r -> r.userName("ci").policyName("inline").policyDocument(ALLOW_LIST));
        String[] id = "ci:inline".split(":");
        assertThat(URLDecoder.decode(provider.iam.getUserPolicy(r -> r.userName(id[0]).policyName(id[1])).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(ALLOW_LIST);
        // destroy: DeleteUserPolicy; the next refresh finds it gone
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteUserPolicy(r -> r.userName("ci").policyName("inline")));
        assertThatThrownBy(() -> provider.iam.getUserPolicy(r -> r.userName("ci").policyName("inline")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.calls()).containsExactly("PutUserPolicy", "GetUserPolicy", "PutUserPolicy", "GetUserPolicy",
                "DeleteUserPolicy", "GetUserPolicy:NoSuchEntity");
        assertThat(provider.retries()).isZero();
    }

    /** resourceUserPolicyAttachmentRead: every page of the user's attached policies, looked through for the ARN. */
    private static boolean attached(TerraformProvider provider, String user, String policyArn) {
        return provider.iam.listAttachedUserPoliciesPaginator(r -> r.userName(user)).attachedPolicies().stream()
                .anyMatch(p -> p.policyArn().equals(policyArn));
    }

    @Test
    void awsIamUserPolicyAttachmentWhenCreatedReadImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-user-attach");
        IamClient setup = iam(root(account));
        setup.createUser(r -> r.userName("ci"));
        String arn = setup.createPolicy(r -> r.policyName("read").policyDocument(ALLOW_GET)).policy().arn();
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: AttachUserPolicy; read: ListAttachedUserPolicies until it is there
        provider.iam.attachUserPolicy(r -> r.userName("ci").policyArn(arn));
        assertThat(provider.retryWhenNotFound(() -> attached(provider, "ci", arn))).isTrue();
        // import: "ci/arn:aws:iam::...:policy/read", then the same read
        String id = "ci/" + arn;
        assertThat(attached(provider, id.substring(0, id.indexOf('/')), id.substring(id.indexOf('/') + 1))).isTrue();
        assertThat(setup.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
        // destroy: DetachUserPolicy; the next refresh no longer finds it
        provider.deleteIgnoringNotFound(() -> provider.iam.detachUserPolicy(r -> r.userName("ci").policyArn(arn)));
        assertThat(attached(provider, "ci", arn)).isFalse();
        assertThat(provider.calls()).containsExactly("AttachUserPolicy", "ListAttachedUserPolicies", "ListAttachedUserPolicies",
                "DetachUserPolicy", "ListAttachedUserPolicies");
        assertThat(provider.retries()).isZero();
    }
}
