package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Terraform's aws_iam_role, aws_iam_instance_profile, aws_iam_role_policy and aws_iam_role_policy_attachment against
 * Mayfly: each test replays the calls terraform-provider-aws makes to create, read back, update, import (a read from the
 * id alone) and destroy the resource, through the provider's retry helpers ({@link TerraformProvider}), and checks what
 * the provider would put in its state. Against AWS those helpers wait out eventual consistency; against Mayfly no call
 * needs a second try.
 */
class TerraformRoleResourcesReplayTest {

    private static final String EC2_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final String ALLOW_GET = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static final String ALLOW_LIST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""";

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    /** resourceRoleRead: the role (retried while a new one is not found), its inline policies and its attached ones. */
    private static Role readRole(TerraformProvider provider, String name) {
        Role role = provider.retryWhenNotFound(() -> provider.iam.getRole(r -> r.roleName(name)).role());
        for (String policy : provider.iam.listRolePolicies(r -> r.roleName(name)).policyNames()) {
            provider.iam.getRolePolicy(r -> r.roleName(name).policyName(policy));
        }
        provider.iam.listAttachedRolePolicies(r -> r.roleName(name));
        return role;
    }

    @Test
    void awsIamRoleWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-role");
        IamClient setup = iam(root(account));
        String readArn = setup.createPolicy(r -> r.policyName("tf-read").policyDocument(ALLOW_GET)).policy().arn();
        String boundaryArn = setup.createPolicy(r -> r.policyName("tf-boundary").policyDocument(ALLOW_GET)).policy().arn();
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: CreateRole (retried on "Invalid principal in policy"), then inline_policy and managed_policy_arns
        provider.retryWhen(() -> provider.iam.createRole(r -> r.roleName("tf-app").path("/tf/").description("built by terraform")
                .maxSessionDuration(7200).assumeRolePolicyDocument(EC2_TRUST).tags(tag("Team", "platform"), tag("Env", "dev"))),
                "MalformedPolicyDocument", "Invalid principal in policy");
        provider.iam.putRolePolicy(r -> r.roleName("tf-app").policyName("inline").policyDocument(ALLOW_LIST));
        provider.iam.attachRolePolicy(r -> r.roleName("tf-app").policyArn(readArn));
        Role created = readRole(provider, "tf-app");
        assertThat(provider.calls()).containsExactly("CreateRole", "PutRolePolicy", "AttachRolePolicy", "GetRole", "ListRolePolicies",
                "GetRolePolicy", "ListAttachedRolePolicies");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":role/tf/tf-app");
        assertThat(created.roleId()).startsWith("AROA");
        assertThat(created.description()).isEqualTo("built by terraform");
        assertThat(created.maxSessionDuration()).isEqualTo(7200);
        assertThat(decoded(created.assumeRolePolicyDocument())).isEqualTo(EC2_TRUST);
        assertThat(created.tags()).containsExactlyInAnyOrder(tag("Team", "platform"), tag("Env", "dev"));

        // update: each changed attribute by its own call, tags by untag then tag (roleUpdateTags)
        String trustAccount = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(account.accountId());
        provider.retryWhen(() -> provider.iam.updateAssumeRolePolicy(r -> r.roleName("tf-app").policyDocument(trustAccount)),
                "MalformedPolicyDocument", "Invalid principal in policy");
        provider.iam.updateRoleDescription(r -> r.roleName("tf-app").description("changed by terraform"));
        provider.iam.updateRole(r -> r.roleName("tf-app").maxSessionDuration(3600));
        provider.iam.putRolePermissionsBoundary(r -> r.roleName("tf-app").permissionsBoundary(boundaryArn));
        provider.iam.untagRole(r -> r.roleName("tf-app").tagKeys("Env"));
        provider.iam.tagRole(r -> r.roleName("tf-app").tags(tag("Team", "security")));
        Role updated = readRole(provider, "tf-app");
        assertThat(provider.calls()).containsExactly("UpdateAssumeRolePolicy", "UpdateRoleDescription", "UpdateRole",
                "PutRolePermissionsBoundary", "UntagRole", "TagRole", "GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies");
        assertThat(updated.description()).isEqualTo("changed by terraform");
        assertThat(updated.maxSessionDuration()).isEqualTo(3600);
        assertThat(decoded(updated.assumeRolePolicyDocument())).isEqualTo(trustAccount);
        assertThat(updated.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundaryArn);
        assertThat(updated.tags()).containsExactly(tag("Team", "security"));

        // import: terraform import aws_iam_role.app tf-app reads from the name alone
        assertThat(readRole(provider, "tf-app").roleId()).isEqualTo(created.roleId());
        provider.calls();

        // destroy: out of every instance profile, managed and inline policies away, then DeleteRole (retried on DeleteConflict)
        setup.createInstanceProfile(r -> r.instanceProfileName("made-by-hand"));
        setup.addRoleToInstanceProfile(r -> r.instanceProfileName("made-by-hand").roleName("tf-app"));
        for (InstanceProfile profile : provider.iam.listInstanceProfilesForRole(r -> r.roleName("tf-app")).instanceProfiles()) {
            provider.deleteIgnoringNotFound(() -> provider.iam.removeRoleFromInstanceProfile(r -> r
                    .instanceProfileName(profile.instanceProfileName()).roleName("tf-app")));
        }
        for (AttachedPolicy policy : provider.iam.listAttachedRolePolicies(r -> r.roleName("tf-app")).attachedPolicies()) {
            provider.deleteIgnoringNotFound(() -> provider.iam.detachRolePolicy(r -> r.roleName("tf-app").policyArn(policy.policyArn())));
        }
        for (String policy : provider.iam.listRolePolicies(r -> r.roleName("tf-app")).policyNames()) {
            provider.deleteIgnoringNotFound(() -> provider.iam.deleteRolePolicy(r -> r.roleName("tf-app").policyName(policy)));
        }
        provider.deleteIgnoringNotFound(() -> provider.retryWhen(() -> provider.iam.deleteRole(r -> r.roleName("tf-app")),
                "DeleteConflict", null));
        assertThat(provider.calls()).containsExactly("ListInstanceProfilesForRole", "RemoveRoleFromInstanceProfile",
                "ListAttachedRolePolicies", "DetachRolePolicy", "ListRolePolicies", "DeleteRolePolicy", "DeleteRole");
        // the next refresh finds it gone and removes it from the state
        assertThatThrownBy(() -> provider.iam.getRole(r -> r.roleName("tf-app"))).isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.retries()).isZero();
    }

    /** resourceInstanceProfileRead: the profile, and the role it holds (findRoleByName). */
    private static InstanceProfile readInstanceProfile(TerraformProvider provider, String name) {
        InstanceProfile profile = provider.iam.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile();
        if (!profile.roles().isEmpty()) {
            provider.iam.getRole(r -> r.roleName(profile.roles().getFirst().roleName()));
        }
        return profile;
    }

    /** waitInstanceProfileReady: found, with an ARN that parses, three times in a row. */
    private static void waitInstanceProfileReady(TerraformProvider provider, String name) {
        for (int i = 0; i < 3; i++) {
            String arn = provider.retryWhenNotFound(() -> provider.iam.getInstanceProfile(r -> r.instanceProfileName(name))
                    .instanceProfile().arn());
            assertThat(arn).startsWith("arn:aws:iam::");
        }
    }

    /** instanceProfileAddRole: retried while IAM does not know the role yet. */
    private static void addRole(TerraformProvider provider, String profile, String role) {
        provider.retryWhen(() -> provider.iam.addRoleToInstanceProfile(r -> r.instanceProfileName(profile).roleName(role)),
                "NoSuchEntity", "The role with name");
    }

    @Test
    void awsIamInstanceProfileWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-profile");
        IamClient setup = iam(root(account));
        setup.createRole(r -> r.roleName("web").assumeRolePolicyDocument(EC2_TRUST));
        setup.createRole(r -> r.roleName("batch").assumeRolePolicyDocument(EC2_TRUST));
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: CreateInstanceProfile with its tags, wait until found, add the role, wait until ready, read
        provider.iam.createInstanceProfile(r -> r.instanceProfileName("tf-profile").path("/tf/").tags(tag("Team", "web")));
        provider.retryWhenNotFound(() -> provider.iam.getInstanceProfile(r -> r.instanceProfileName("tf-profile")));
        addRole(provider, "tf-profile", "web");
        waitInstanceProfileReady(provider, "tf-profile");
        InstanceProfile created = readInstanceProfile(provider, "tf-profile");
        assertThat(provider.calls()).containsExactly("CreateInstanceProfile", "GetInstanceProfile", "AddRoleToInstanceProfile",
                "GetInstanceProfile", "GetInstanceProfile", "GetInstanceProfile", "GetInstanceProfile", "GetRole");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":instance-profile/tf/tf-profile");
        assertThat(created.instanceProfileId()).startsWith("AIPA");
        assertThat(created.path()).isEqualTo("/tf/");
        assertThat(created.roles()).extracting(Role::roleName).containsExactly("web");
        assertThat(created.tags()).containsExactly(tag("Team", "web"));

        // update: role = batch (remove the old, add the new), tags changed, then ready and read
        provider.deleteIgnoringNotFound(() -> provider.iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("tf-profile").roleName("web")));
        addRole(provider, "tf-profile", "batch");
        provider.iam.untagInstanceProfile(r -> r.instanceProfileName("tf-profile").tagKeys("Team"));
        provider.iam.tagInstanceProfile(r -> r.instanceProfileName("tf-profile").tags(tag("Owner", "ops")));
        waitInstanceProfileReady(provider, "tf-profile");
        InstanceProfile updated = readInstanceProfile(provider, "tf-profile");
        assertThat(provider.calls()).containsExactly("RemoveRoleFromInstanceProfile", "AddRoleToInstanceProfile", "UntagInstanceProfile",
                "TagInstanceProfile", "GetInstanceProfile", "GetInstanceProfile", "GetInstanceProfile", "GetInstanceProfile", "GetRole");
        assertThat(updated.roles()).extracting(Role::roleName).containsExactly("batch");
        assertThat(updated.tags()).containsExactly(tag("Owner", "ops"));
        assertThat(provider.iam.listInstanceProfileTags(r -> r.instanceProfileName("tf-profile")).tags()).containsExactly(tag("Owner", "ops"));
        provider.calls();

        // import: terraform import aws_iam_instance_profile.p tf-profile (ImportStatePassthrough, then read)
        assertThat(readInstanceProfile(provider, "tf-profile").instanceProfileId()).isEqualTo(created.instanceProfileId());
        provider.calls();

        // destroy: the role out, then the profile (NoSuchEntity taken for done)
        provider.deleteIgnoringNotFound(() -> provider.iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("tf-profile").roleName("batch")));
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteInstanceProfile(r -> r.instanceProfileName("tf-profile")));
        assertThat(provider.calls()).containsExactly("RemoveRoleFromInstanceProfile", "DeleteInstanceProfile");
        assertThatThrownBy(() -> provider.iam.getInstanceProfile(r -> r.instanceProfileName("tf-profile")))
                .isInstanceOf(NoSuchEntityException.class);
        // the roles it held are free to go
        setup.deleteRole(r -> r.roleName("web"));
        setup.deleteRole(r -> r.roleName("batch"));
        assertThat(provider.retries()).isZero();
    }

    @Test
    void awsIamRolePolicyWhenCreatedReadUpdatedImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-role-policy");
        iam(root(account)).createRole(r -> r.roleName("app").assumeRolePolicyDocument(EC2_TRUST));
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: PutRolePolicy, id "app:inline"; read: GetRolePolicy, retried while a new one is not found
        provider.iam.putRolePolicy(r -> r.roleName("app").policyName("inline").policyDocument(ALLOW_GET));
        String document = provider.retryWhenNotFound(() -> provider.iam.getRolePolicy(r -> r.roleName("app").policyName("inline"))
                .policyDocument());
        assertThat(decoded(document)).isEqualTo(ALLOW_GET);

        // update: PutRolePolicy again under the same name
        provider.iam.putRolePolicy(r -> r.roleName("app").policyName("inline").policyDocument(ALLOW_LIST));
        assertThat(decoded(provider.iam.getRolePolicy(r -> r.roleName("app").policyName("inline")).policyDocument())).isEqualTo(ALLOW_LIST);

        // import: "app:inline" split into role and policy name, then read
        String[] id = "app:inline".split(":");
        assertThat(provider.iam.getRolePolicy(r -> r.roleName(id[0]).policyName(id[1])).policyName()).isEqualTo("inline");

        // destroy: DeleteRolePolicy; the next refresh finds it gone
        provider.deleteIgnoringNotFound(() -> provider.iam.deleteRolePolicy(r -> r.roleName("app").policyName("inline")));
        assertThatThrownBy(() -> provider.iam.getRolePolicy(r -> r.roleName("app").policyName("inline")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(provider.calls()).containsExactly("PutRolePolicy", "GetRolePolicy", "PutRolePolicy", "GetRolePolicy", "GetRolePolicy",
                "DeleteRolePolicy", "GetRolePolicy:NoSuchEntity");
        assertThat(provider.retries()).isZero();
    }

    /** resourceRolePolicyAttachmentRead: the role's attached policies, every page, looked through for the ARN. */
    private static boolean attached(TerraformProvider provider, String role, String policyArn) {
        return provider.iam.listAttachedRolePoliciesPaginator(r -> r.roleName(role)).attachedPolicies().stream()
                .anyMatch(p -> p.policyArn().equals(policyArn));
    }

    @Test
    void awsIamRolePolicyAttachmentWhenCreatedReadImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-role-attach");
        IamClient setup = iam(root(account));
        setup.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EC2_TRUST));
        String arn = setup.createPolicy(r -> r.policyName("read").policyDocument(ALLOW_GET)).policy().arn();
        for (int i = 0; i < 3; i++) {
            String name = "filler-" + i;
            String filler = setup.createPolicy(r -> r.policyName(name).policyDocument(ALLOW_LIST)).policy().arn();
            setup.attachRolePolicy(r -> r.roleName("app").policyArn(filler));
        }
        TerraformProvider provider = new TerraformProvider(root(account));

        // create: AttachRolePolicy; read: every page of ListAttachedRolePolicies until it is there
        provider.iam.attachRolePolicy(r -> r.roleName("app").policyArn(arn));
        assertThat(provider.retryWhenNotFound(() -> attached(provider, "app", arn))).isTrue();
        // import: "app/arn:aws:iam::...:policy/read" (the role, then the ARN), then the same read
        String id = "app/" + arn;
        assertThat(attached(provider, id.substring(0, id.indexOf('/')), id.substring(id.indexOf('/') + 1))).isTrue();
        // destroy: DetachRolePolicy; the next refresh no longer finds it and removes it from the state
        provider.deleteIgnoringNotFound(() -> provider.iam.detachRolePolicy(r -> r.roleName("app").policyArn(arn)));
        assertThat(attached(provider, "app", arn)).isFalse();
        assertThat(provider.calls()).containsExactly("AttachRolePolicy", "ListAttachedRolePolicies", "ListAttachedRolePolicies",
                "DetachRolePolicy", "ListAttachedRolePolicies");
        assertThat(provider.retries()).isZero();
    }
}
