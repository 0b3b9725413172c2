package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/** GetAccountAuthorizationDetails through the AWS SDK, as IAM analyzers read it. */
class AccountAuthorizationDetailsTest {

    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}}";
    }

    private static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    /** An account with a user in a group, a role, a two-version policy, a boundary and an AWS-managed policy attached. */
    private static String setUp(IamClient iam, String account) {
        String policy = iam.createPolicy(r -> r.policyName("deploy").policyDocument(allow("iam:GetRole"))).policy().arn();
        iam.createPolicyVersion(r -> r.policyArn(policy).policyDocument(allow("iam:ListRoles")).setAsDefault(true));
        String boundary = iam.createPolicy(r -> r.policyName("bound").policyDocument(allow("iam:*"))).policy().arn();
        iam.createUser(r -> r.userName("alice").permissionsBoundary(boundary));
        iam.putUserPolicy(r -> r.userName("alice").policyName("own").policyDocument(allow("iam:GetUser")));
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(policy));
        iam.createGroup(r -> r.groupName("devs"));
        iam.addUserToGroup(r -> r.groupName("devs").userName("alice"));
        iam.putGroupPolicy(r -> r.groupName("devs").policyName("team").policyDocument(allow("iam:ListUsers")));
        iam.createRole(r -> r.roleName("ci").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}}"));
        iam.putRolePolicy(r -> r.roleName("ci").policyName("build").policyDocument(allow("s3:*")));
        iam.attachRolePolicy(r -> r.roleName("ci").policyArn(READ_ONLY));
        iam.createInstanceProfile(r -> r.instanceProfileName("ci-profile"));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("ci-profile").roleName("ci"));
        return policy;
    }

    @Test
    void getAccountAuthorizationDetailsWhenNoFilterThenEveryEntityWithItsPoliciesAndThePoliciesInUse() {
        NewAccount account = IssuerFixture.newAccount("gaad-all");
        IamClient iam = iam(root(account));
        String deploy = setUp(iam, account.accountId());

        GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails();

        assertThat(details.isTruncated()).isFalse();
        UserDetail alice = details.userDetailList().getFirst();
        assertThat(alice.userName()).isEqualTo("alice");
        assertThat(alice.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/alice");
        assertThat(alice.groupList()).containsExactly("devs");
        assertThat(alice.userPolicyList()).singleElement().satisfies(p -> {
            assertThat(p.policyName()).isEqualTo("own");
            assertThat(decoded(p.policyDocument())).isEqualTo(allow("iam:GetUser"));
        });
        assertThat(alice.attachedManagedPolicies()).extracting(AttachedPolicy::policyArn).containsExactly(deploy);
        assertThat(alice.permissionsBoundary().permissionsBoundaryType()).isEqualTo(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);

        GroupDetail devs = details.groupDetailList().getFirst();
        assertThat(devs.groupName()).isEqualTo("devs");
        assertThat(devs.groupPolicyList()).extracting(p -> p.policyName()).containsExactly("team");

        RoleDetail ci = details.roleDetailList().getFirst();
        assertThat(ci.roleName()).isEqualTo("ci");
        assertThat(decoded(ci.assumeRolePolicyDocument())).contains("sts:AssumeRole");
        assertThat(ci.rolePolicyList()).extracting(p -> p.policyName()).containsExactly("build");
        assertThat(ci.attachedManagedPolicies()).extracting(AttachedPolicy::policyArn).containsExactly(READ_ONLY);
        assertThat(ci.instanceProfileList()).singleElement().satisfies(profile -> {
            assertThat(profile.instanceProfileName()).isEqualTo("ci-profile");
            assertThat(profile.roles()).extracting(role -> role.roleName()).containsExactly("ci");
        });

        assertThat(details.policies()).extracting(ManagedPolicyDetail::policyName).containsExactly("bound", "deploy", "ReadOnlyAccess");
        ManagedPolicyDetail deployDetail = details.policies().get(1);
        assertThat(deployDetail.attachmentCount()).isEqualTo(1);
        assertThat(deployDetail.defaultVersionId()).isEqualTo("v2");
        assertThat(deployDetail.policyVersionList()).extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v1", false), org.assertj.core.groups.Tuple.tuple("v2", true));
        assertThat(decoded(deployDetail.policyVersionList().get(1).document())).isEqualTo(allow("iam:ListRoles"));
        assertThat(details.policies().getFirst().permissionsBoundaryUsageCount()).isEqualTo(1);
    }

    @Test
    void getAccountAuthorizationDetailsWhenFilteredThenOnlyThoseKinds() {
        NewAccount account = IssuerFixture.newAccount("gaad-filter");
        IamClient iam = iam(root(account));
        setUp(iam, account.accountId());

        GetAccountAuthorizationDetailsResponse roles = iam.getAccountAuthorizationDetails(r -> r.filter(EntityType.ROLE));
        GetAccountAuthorizationDetailsResponse aws = iam.getAccountAuthorizationDetails(r -> r.filter(EntityType.AWS_MANAGED_POLICY));

        assertThat(roles.roleDetailList()).extracting(RoleDetail::roleName).containsExactly("ci");
        assertThat(roles.userDetailList()).isEmpty();
        assertThat(roles.groupDetailList()).isEmpty();
        assertThat(roles.policies()).isEmpty();
        assertThat(aws.policies()).extracting(ManagedPolicyDetail::arn).containsExactly(READ_ONLY);
    }

    @Test
    void getAccountAuthorizationDetailsWhenPagedThenThePagesHoldEverythingOnce() {
        NewAccount account = IssuerFixture.newAccount("gaad-pages");
        IamClient iam = iam(root(account));
        setUp(iam, account.accountId());
        GetAccountAuthorizationDetailsResponse whole = iam.getAccountAuthorizationDetails();

        List<String> paged = new ArrayList<>();
        int pages = 0;
        for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(r -> r.maxItems(2))) {
            pages++;
            page.userDetailList().forEach(u -> paged.add(u.arn()));
            page.groupDetailList().forEach(g -> paged.add(g.arn()));
            page.roleDetailList().forEach(r -> paged.add(r.arn()));
            page.policies().forEach(p -> paged.add(p.arn()));
        }

        List<String> all = new ArrayList<>();
        whole.userDetailList().forEach(u -> all.add(u.arn()));
        whole.groupDetailList().forEach(g -> all.add(g.arn()));
        whole.roleDetailList().forEach(r -> all.add(r.arn()));
        whole.policies().forEach(p -> all.add(p.arn()));
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void getAccountAuthorizationDetailsWhenDocumentsAreLargeThenPagesEndEarlyAndStillHoldEverythingOnce() {
        NewAccount account = IssuerFixture.newAccount("gaad-large");
        IamClient iam = iam(root(account));
        StringBuilder actions = new StringBuilder();
        for (int i = 0; actions.length() < 5_800; i++) {
            actions.append(actions.isEmpty() ? "\"" : ",\"").append("iam:GetRole").append(String.format("%08d", i)).append('"');
        }
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[" + actions
                + "],\"Resource\":\"*\"}}";
        int policies = 40; // 40 policies of five ~5,900-character versions: about 1.2 million characters
        for (int p = 0; p < policies; p++) {
            String arn = iam.createPolicy(r -> r.policyName("large-" + UUID.randomUUID()).policyDocument(document))
                    .policy().arn();
            for (int v = 0; v < 4; v++) {
                iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(document));
            }
        }

        GetAccountAuthorizationDetailsResponse first = iam.getAccountAuthorizationDetails(r -> r.maxItems(1000)
                .filter(EntityType.LOCAL_MANAGED_POLICY));
        List<String> paged = new ArrayList<>();
        for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(r -> r.maxItems(1000)
                .filter(EntityType.LOCAL_MANAGED_POLICY))) {
            page.policies().forEach(policy -> paged.add(policy.arn()));
        }

        assertThat(first.isTruncated()).isTrue();
        assertThat(first.policies()).hasSizeLessThan(policies).isNotEmpty();
        assertThat(paged).hasSize(policies).doesNotHaveDuplicates();
    }

    @Test
    void getAccountAuthorizationDetailsWhenAnotherAccountOrNoPermissionOrBadFilterThenNothingOfTheirs() {
        NewAccount account = IssuerFixture.newAccount("gaad-mine");
        NewAccount other = IssuerFixture.newAccount("gaad-theirs");
        IamClient iam = iam(root(account));
        setUp(iam, account.accountId());
        iam.createUser(r -> r.userName("no-rights"));
        var key = iam.createAccessKey(r -> r.userName("no-rights")).accessKey();

        GetAccountAuthorizationDetailsResponse theirs = iam(root(other)).getAccountAuthorizationDetails();

        assertThat(theirs.userDetailList()).isEmpty();
        assertThat(theirs.roleDetailList()).isEmpty();
        assertThat(theirs.policies()).isEmpty();
        assertThatThrownBy(() -> iam(credentials(key.accessKeyId(), key.secretAccessKey())).getAccountAuthorizationDetails())
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("Everything")))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
}
