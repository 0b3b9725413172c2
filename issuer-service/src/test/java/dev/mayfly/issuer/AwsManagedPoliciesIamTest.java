package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.awspolicies.AwsManagedPolicy;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUser;

/**
 * AWS-managed policies through the AWS SDK: read as AWS publishes them, attached under their AWS ARNs and enforced like
 * the account's own, listed by Scope, refused for change as AWS refuses them, and counted per account.
 */
class AwsManagedPoliciesIamTest {

    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String ADMINISTRATOR = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String IAM_READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
    private static final String LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static void refused(String code, Executable call) {
        assertThatThrownBy(call::execute).satisfies(e -> assertThat(errorCode(e)).isEqualTo(code));
    }

    /** A user of the account with an access key, and its IAM client. */
    private static IamClient userWithKey(IamClient rootIam, String userName) {
        rootIam.createUser(r -> r.userName(userName));
        var key = rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
        return iam(credentials(key.accessKeyId(), key.secretAccessKey()));
    }

    private static String trustingAccount(String accountId) {
        return """
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}}""".formatted(accountId);
    }

    @Test
    void readOnlyAccessWhenAttachedToUserThenReadsAreAllowedAndWritesRefusedUntilDetached() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-read-only");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("existing").assumeRolePolicyDocument(trustingAccount(account.accountId())));
        IamClient reader = userWithKey(rootIam, "reader");
        refused("AccessDenied", () -> reader.getRole(r -> r.roleName("existing")));

        rootIam.attachUserPolicy(r -> r.userName("reader").policyArn(READ_ONLY));
        assertThat(reader.getRole(r -> r.roleName("existing")).role().roleName()).isEqualTo("existing");
        assertThat(reader.listUsers().users()).extracting(u -> u.userName()).contains("reader");
        refused("AccessDenied", () -> reader.createRole(r -> r.roleName("escalation")
                .assumeRolePolicyDocument(trustingAccount(account.accountId()))));
        refused("AccessDenied", () -> reader.attachUserPolicy(r -> r.userName("reader").policyArn(ADMINISTRATOR)));
        assertThat(rootIam.listAttachedUserPolicies(r -> r.userName("reader")).attachedPolicies())
                .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ReadOnlyAccess", READ_ONLY));

        rootIam.detachUserPolicy(r -> r.userName("reader").policyArn(READ_ONLY));
        refused("AccessDenied", () -> reader.getRole(r -> r.roleName("existing")));
        refused("NoSuchEntity", () -> rootIam.detachUserPolicy(r -> r.userName("reader").policyArn(READ_ONLY)));
    }

    @Test
    void administratorAccessWhenAttachedToGroupOrRoleThenGrantsWhatItSaysAndDeletingTheEntityWaitsForItsDetachment() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-admin");
        IamClient rootIam = iam(root(account));
        IamClient admin = userWithKey(rootIam, "admin");
        rootIam.createGroup(r -> r.groupName("admins"));
        rootIam.addUserToGroup(r -> r.groupName("admins").userName("admin"));
        refused("AccessDenied", () -> admin.createUser(r -> r.userName("made-by-admin")));
        rootIam.attachGroupPolicy(r -> r.groupName("admins").policyArn(ADMINISTRATOR));
        assertThat(admin.createUser(r -> r.userName("made-by-admin")).user().userName()).isEqualTo("made-by-admin");

        var operatorRole = IssuerFixture.userWhoMayAssume(account, "on-call", "operator");
        admin.attachRolePolicy(r -> r.roleName("operator").policyArn(IAM_READ_ONLY));
        AwsCredentials operator = IssuerFixture.credentials(sts(operatorRole.user()).assumeRole(r -> r
                .roleArn(operatorRole.roleArn()).roleSessionName("op")).credentials());
        assertThat(iam(operator).getUser(r -> r.userName("admin")).user().userName()).isEqualTo("admin");
        refused("AccessDenied", () -> iam(operator).createUser(r -> r.userName("not-by-operator")));

        refused("DeleteConflict", () -> rootIam.deleteGroup(r -> r.groupName("admins")));
        rootIam.removeUserFromGroup(r -> r.groupName("admins").userName("admin"));
        rootIam.detachGroupPolicy(r -> r.groupName("admins").policyArn(ADMINISTRATOR));
        rootIam.deleteGroup(r -> r.groupName("admins"));
        refused("DeleteConflict", () -> rootIam.deleteRole(r -> r.roleName("operator")));
    }

    @Test
    void awsManagedPolicyWhenReadThenItIsAsAwsPublishesItAndAnUnknownOneIsNoSuchEntity() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-read");
        IamClient rootIam = iam(root(account));
        AwsManagedPolicy published = AwsManagedPolicies.catalog().byArn(READ_ONLY).orElseThrow();
        Policy policy = rootIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy();
        assertThat(policy.policyName()).isEqualTo("ReadOnlyAccess");
        assertThat(policy.policyId()).isEqualTo("ANPAILL3HVNFSB6DCOWYQ");
        assertThat(policy.path()).isEqualTo("/");
        assertThat(policy.defaultVersionId()).isEqualTo(published.defaultVersionId());
        assertThat(policy.createDate()).isEqualTo(Instant.parse("2015-02-06T18:39:48Z"));
        assertThat(policy.updateDate()).isEqualTo(published.updateDate());
        assertThat(policy.description()).isEqualTo("Provides read-only access to AWS services and resources.");
        assertThat(policy.isAttachable()).isTrue();
        assertThat(policy.attachmentCount()).isZero();
        assertThat(policy.tags()).isEmpty();

        var version = rootIam.getPolicyVersion(r -> r.policyArn(READ_ONLY).versionId(published.defaultVersionId())).policyVersion();
        assertThat(version.isDefaultVersion()).isTrue();
        assertThat(URLDecoder.decode(version.document(), StandardCharsets.UTF_8)).isEqualTo(published.document()).contains("\"iam:Get*\"");
        assertThat(rootIam.listPolicyVersions(r -> r.policyArn(READ_ONLY)).versions())
                .extracting(v -> v.versionId()).containsExactly(published.defaultVersionId());
        assertThat(rootIam.getPolicy(r -> r.policyArn(LAMBDA_BASIC)).policy().path()).isEqualTo("/service-role/");

        refused("NoSuchEntity", () -> rootIam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/NoSuchAwsPolicy")));
        refused("NoSuchEntity", () -> rootIam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/service-role/ReadOnlyAccess")));
        refused("NoSuchEntity", () -> rootIam.getPolicyVersion(r -> r.policyArn(READ_ONLY).versionId("v1")));
        rootIam.createUser(r -> r.userName("u"));
        refused("NoSuchEntity", () -> rootIam.attachUserPolicy(r -> r.userName("u").policyArn("arn:aws:iam::aws:policy/NoSuchAwsPolicy")));
    }

    @Test
    void awsManagedPolicyWhenChangedThenRefusedAsAwsRefusesEvenTheRootUser() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-changes");
        IamClient rootIam = iam(root(account));
        String document = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""";
        refused("AccessDenied", () -> rootIam.deletePolicy(r -> r.policyArn(READ_ONLY)));
        refused("AccessDenied", () -> rootIam.createPolicyVersion(r -> r.policyArn(READ_ONLY).policyDocument(document).setAsDefault(true)));
        refused("AccessDenied", () -> rootIam.setDefaultPolicyVersion(r -> r.policyArn(READ_ONLY).versionId("v1")));
        refused("AccessDenied", () -> rootIam.deletePolicyVersion(r -> r.policyArn(READ_ONLY).versionId("v1")));
        refused("AccessDenied", () -> rootIam.deletePolicy(r -> r.policyArn("arn:aws:iam::aws:policy/NoSuchAwsPolicy")));
        assertThatThrownBy(() -> rootIam.deletePolicy(r -> r.policyArn(ADMINISTRATOR))).hasMessageContaining(
                "is not authorized to perform: iam:DeletePolicy on resource: " + ADMINISTRATOR
                        + " because no resource-based policy allows the iam:DeletePolicy action");
        refused("InvalidInput", () -> rootIam.tagPolicy(r -> r.policyArn(READ_ONLY).tags(t -> t.key("team").value("x"))));
        assertThatThrownBy(() -> rootIam.untagPolicy(r -> r.policyArn(READ_ONLY).tagKeys("team")))
                .hasMessageContaining("Tags not supported for policies in this domain");
        assertThat(rootIam.listPolicyTags(r -> r.policyArn(READ_ONLY)).tags()).isEmpty();
        assertThat(rootIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().defaultVersionId())
                .isEqualTo(AwsManagedPolicies.catalog().byArn(READ_ONLY).orElseThrow().defaultVersionId());
    }

    @Test
    void listPoliciesWhenScopedThenAwsPagesThroughEveryAwsManagedPolicyAndLocalOnlyTheAccounts() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-list");
        IamClient rootIam = iam(root(account));
        String mine = rootIam.createPolicy(r -> r.policyName("ReadOnlyAccess").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""")).policy().arn();
        List<Policy> aws = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListPoliciesResponse page = rootIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).maxItems(7).marker(from));
            assertThat(page.policies()).hasSizeLessThanOrEqualTo(7);
            aws.addAll(page.policies());
            marker = page.isTruncated() ? page.marker() : null;
            pages++;
        } while (marker != null);
        List<String> published = AwsManagedPolicies.catalog().all().stream().map(AwsManagedPolicy::arn).toList();
        assertThat(aws).extracting(Policy::arn).containsExactlyElementsOf(published);
        assertThat(pages).isEqualTo((published.size() + 6) / 7);

        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::arn).containsExactly(mine);
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.ALL).maxItems(1000)).policies()).extracting(Policy::arn)
                .hasSize(published.size() + 1).contains(mine, READ_ONLY);
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).pathPrefix("/service-role/")).policies())
                .extracting(Policy::path).isNotEmpty().containsOnly("/service-role/");

        rootIam.createUser(r -> r.userName("attached"));
        rootIam.attachUserPolicy(r -> r.userName("attached").policyArn(LAMBDA_BASIC));
        rootIam.putUserPermissionsBoundary(r -> r.userName("attached").permissionsBoundary(IAM_READ_ONLY));
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).onlyAttached(true)).policies())
                .extracting(Policy::arn).containsExactly(LAMBDA_BASIC, IAM_READ_ONLY);
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).policyUsageFilter("PermissionsPolicy")).policies())
                .extracting(Policy::arn, Policy::attachmentCount).containsExactly(org.assertj.core.groups.Tuple.tuple(LAMBDA_BASIC, 1));
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).policyUsageFilter("PermissionsBoundary")).policies())
                .extracting(Policy::arn, Policy::permissionsBoundaryUsageCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IAM_READ_ONLY, 1));
    }

    @Test
    void awsManagedPolicyWhenAttachedInOneAccountThenAnotherAccountNeitherCountsNorListsThoseAttachments() {
        NewAccount first = IssuerFixture.newAccount("aws-managed-tenant-a");
        NewAccount second = IssuerFixture.newAccount("aws-managed-tenant-b");
        IamClient firstIam = iam(root(first));
        IamClient secondIam = iam(root(second));
        firstIam.createUser(r -> r.userName("alice"));
        firstIam.createGroup(r -> r.groupName("auditors"));
        firstIam.attachUserPolicy(r -> r.userName("alice").policyArn(READ_ONLY));
        firstIam.attachGroupPolicy(r -> r.groupName("auditors").policyArn(READ_ONLY));

        assertThat(firstIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().attachmentCount()).isEqualTo(2);
        assertThat(secondIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().attachmentCount()).isZero();
        assertThat(secondIam.listEntitiesForPolicy(r -> r.policyArn(READ_ONLY)).policyUsers()).isEmpty();
        assertThat(secondIam.listEntitiesForPolicy(r -> r.policyArn(READ_ONLY)).policyGroups()).isEmpty();

        secondIam.createRole(r -> r.roleName("bob").assumeRolePolicyDocument(trustingAccount(second.accountId())));
        secondIam.attachRolePolicy(r -> r.roleName("bob").policyArn(READ_ONLY));
        var firstEntities = firstIam.listEntitiesForPolicy(r -> r.policyArn(READ_ONLY));
        assertThat(firstEntities.policyUsers()).extracting(PolicyUser::userName).containsExactly("alice");
        assertThat(firstEntities.policyGroups()).extracting(g -> g.groupName()).containsExactly("auditors");
        assertThat(firstEntities.policyRoles()).isEmpty();
        assertThat(secondIam.listEntitiesForPolicy(r -> r.policyArn(READ_ONLY)).policyRoles()).extracting(p -> p.roleName())
                .containsExactly("bob");
        assertThat(secondIam.listEntitiesForPolicy(r -> r.policyArn(READ_ONLY).entityFilter("User")).policyUsers()).isEmpty();
        assertThat(firstIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().attachmentCount()).isEqualTo(2);
        assertThat(secondIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().attachmentCount()).isEqualTo(1);
        assertThat(secondIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).onlyAttached(true)).policies())
                .extracting(Policy::arn, Policy::attachmentCount).containsExactly(org.assertj.core.groups.Tuple.tuple(READ_ONLY, 1));
    }

    @Test
    void awsManagedPolicyWhenABoundaryOrASessionPolicyThenItLimitsAsTheAccountsOwnWould() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-bounds");
        IamClient rootIam = iam(root(account));
        IamClient bounded = userWithKey(rootIam, "bounded");
        rootIam.attachUserPolicy(r -> r.userName("bounded").policyArn(ADMINISTRATOR));
        rootIam.putUserPermissionsBoundary(r -> r.userName("bounded").permissionsBoundary(IAM_READ_ONLY));
        assertThat(bounded.getUser(r -> r.userName("bounded")).user().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(IAM_READ_ONLY);
        refused("AccessDenied", () -> bounded.createUser(r -> r.userName("beyond-the-boundary")));
        assertThat(rootIam.getPolicy(r -> r.policyArn(IAM_READ_ONLY)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        rootIam.createRole(r -> r.roleName("bounded-role").permissionsBoundary(IAM_READ_ONLY)
                .assumeRolePolicyDocument(trustingAccount(account.accountId())));
        rootIam.putRolePermissionsBoundary(r -> r.roleName("bounded-role").permissionsBoundary(READ_ONLY));
        assertThat(rootIam.getRole(r -> r.roleName("bounded-role")).role().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(READ_ONLY);
        assertThat(rootIam.getPolicy(r -> r.policyArn(READ_ONLY)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        refused("NoSuchEntity", () -> rootIam.putRolePermissionsBoundary(r -> r.roleName("bounded-role")
                .permissionsBoundary("arn:aws:iam::aws:policy/NoSuchAwsPolicy")));

        var adminRole = IssuerFixture.userWhoMayAssume(account, "assumer", "admin-role");
        rootIam.attachRolePolicy(r -> r.roleName("admin-role").policyArn(ADMINISTRATOR));
        String roleArn = adminRole.roleArn();
        AwsCredentials narrowed = IssuerFixture.credentials(sts(adminRole.user()).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("narrowed").policyArns(p -> p.arn(READ_ONLY))).credentials());
        assertThat(iam(narrowed).getRole(r -> r.roleName("admin-role")).role().arn()).isEqualTo(roleArn);
        refused("AccessDenied", () -> iam(narrowed).createUser(r -> r.userName("beyond-the-session-policy")));
        assertThatThrownBy(() -> sts(adminRole.user()).assumeRole(r -> r.roleArn(roleArn).roleSessionName("unknown")
                .policyArns(p -> p.arn("arn:aws:iam::aws:policy/NoSuchAwsPolicy"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedPolicyDocument"));
    }

    @Test
    void attachWhenTheDelegatesPolicyNamesThePolicyArnItMayAttachThenOnlyThatOne() {
        NewAccount account = IssuerFixture.newAccount("aws-managed-delegation");
        IamClient rootIam = iam(root(account));
        IamClient delegate = userWithKey(rootIam, "delegate");
        rootIam.putUserPolicy(r -> r.userName("delegate").policyName("attach-read-only").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:AttachUserPolicy","iam:DetachUserPolicy"],
                 "Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"%s"}}}}""".formatted(READ_ONLY)));
        rootIam.createUser(r -> r.userName("newcomer"));

        delegate.attachUserPolicy(r -> r.userName("newcomer").policyArn(READ_ONLY));
        refused("AccessDenied", () -> delegate.attachUserPolicy(r -> r.userName("newcomer").policyArn(ADMINISTRATOR)));
        assertThat(rootIam.listAttachedUserPolicies(r -> r.userName("newcomer")).attachedPolicies()).extracting(AttachedPolicy::policyArn)
                .containsExactly(READ_ONLY);
        delegate.detachUserPolicy(r -> r.userName("newcomer").policyArn(READ_ONLY));
        assertThat(rootIam.listAttachedUserPolicies(r -> r.userName("newcomer")).attachedPolicies()).isEmpty();
    }
}
