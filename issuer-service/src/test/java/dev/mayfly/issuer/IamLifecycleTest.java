package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.sts.model.StsException;

/** The end of IAM entities' lives through the AWS SDK: Delete* with IAM's conflicts, and names free for reuse. */
class IamLifecycleTest {

    private static final String READ_ROLES = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}""";
    private static final String GET_ROLES = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}}""";

    private static String errorCode(Throwable e) {
        return ((software.amazon.awssdk.awscore.exception.AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void deleteUserWhenStillInUseThenDeleteConflictForEachAndWhenClearedThenDeletedAndNameReusable() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-user");
        IamClient rootIam = iam(root(account));
        String oldId = rootIam.createUser(r -> r.userName("carol")).user().userId();
        var key = rootIam.createAccessKey(r -> r.userName("carol")).accessKey();
        rootIam.putUserPolicy(r -> r.userName("carol").policyName("inline").policyDocument(READ_ROLES));
        String policyArn = rootIam.createPolicy(r -> r.policyName("managed").policyDocument(READ_ROLES)).policy().arn();
        rootIam.attachUserPolicy(r -> r.userName("carol").policyArn(policyArn));
        rootIam.createGroup(r -> r.groupName("team"));
        rootIam.addUserToGroup(r -> r.groupName("team").userName("carol"));

        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("carol"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must remove users from group first");
        rootIam.removeUserFromGroup(r -> r.groupName("team").userName("carol"));
        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("carol"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must detach all policies first");
        rootIam.detachUserPolicy(r -> r.userName("carol").policyArn(policyArn));
        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("carol"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete access keys first");
        rootIam.deleteAccessKey(r -> r.userName("carol").accessKeyId(key.accessKeyId()));
        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("carol"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete policies first");
        rootIam.deleteUserPolicy(r -> r.userName("carol").policyName("inline"));
        assertThatThrownBy(() -> rootIam.deleteUserPolicy(r -> r.userName("carol").policyName("inline")))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("The user policy with name inline cannot be found.");

        rootIam.deleteUser(r -> r.userName("carol"));
        assertThatThrownBy(() -> rootIam.getUser(r -> r.userName("carol"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("carol"))).isInstanceOf(NoSuchEntityException.class);
        assertThat(rootIam.listUsers().users()).noneMatch(u -> u.userName().equals("carol"));

        String newId = rootIam.createUser(r -> r.userName("Carol")).user().userId();
        assertThat(newId).startsWith("AIDA").isNotEqualTo(oldId);
        assertThat(rootIam.getUser(r -> r.userName("carol")).user().userName()).isEqualTo("Carol");
        assertThat(rootIam.listUserPolicies(r -> r.userName("carol")).policyNames()).isEmpty();
        assertThatThrownBy(() -> rootIam.createUser(r -> r.userName("CAROL"))).isInstanceOf(EntityAlreadyExistsException.class);
    }

    @Test
    void deleteRoleWhenRecreatedThenSessionsOfTheOldRoleHaveNoneOfTheNewRolesPermissions() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-role");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "app");
        IamClient rootIam = iam(root(account));
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        rootIam.putRolePolicy(r -> r.roleName("app").policyName("read").policyDocument(READ_ROLES));
        var oldSession = credentials(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("old")).credentials());
        assertThat(iam(oldSession).listRoles().roles()).isNotEmpty();

        assertThatThrownBy(() -> rootIam.deleteRole(r -> r.roleName("app"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete policies first");
        rootIam.deleteRolePolicy(r -> r.roleName("app").policyName("read"));
        rootIam.deleteRole(r -> r.roleName("app"));
        assertThatThrownBy(() -> rootIam.getRole(r -> r.roleName("app"))).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("gone")))
                .isInstanceOf(StsException.class);

        String trust = """
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId());
        rootIam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(trust));
        rootIam.putRolePolicy(r -> r.roleName("app").policyName("read").policyDocument(READ_ROLES));
        assertThatThrownBy(() -> iam(oldSession).listRoles()).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        var newSession = credentials(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("new")).credentials());
        assertThat(iam(newSession).listRoles().roles()).isNotEmpty();
    }

    @Test
    void assumeRoleWhenTheTrustedUserIsDeletedAndCreatedAgainThenTheNewUserIsNotTrustedAndGetRoleShowsTheOldUsersId() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-principal");
        IamClient rootIam = iam(root(account));
        var first = IssuerFixture.userWhoMayAssume(account, "deployer", "release");
        String firstId = rootIam.getUser(r -> r.userName("deployer")).user().userId();
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/deployer";
        assertThat(sts(first.user()).assumeRole(r -> r.roleArn(first.roleArn()).roleSessionName("first")).credentials()).isNotNull();

        rootIam.listAccessKeys(r -> r.userName("deployer")).accessKeyMetadata()
                .forEach(k -> rootIam.deleteAccessKey(r -> r.userName("deployer").accessKeyId(k.accessKeyId())));
        rootIam.deleteUser(r -> r.userName("deployer"));
        rootIam.createUser(r -> r.userName("deployer"));
        var key = rootIam.createAccessKey(r -> r.userName("deployer")).accessKey();
        var second = credentials(key.accessKeyId(), key.secretAccessKey());

        assertThatThrownBy(() -> sts(second).assumeRole(r -> r.roleArn(first.roleArn()).roleSessionName("second")))
                .isInstanceOf(StsException.class).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        String shown = URLDecoder.decode(rootIam.getRole(r -> r.roleName("release")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        assertThat(shown).as("the principal that is gone shows as its unique id").contains("\"" + firstId + "\"").doesNotContain(userArn);
        assertThat(rootIam.listRoles().roles()).filteredOn(role -> role.roleName().equals("release")).singleElement()
                .satisfies(role -> assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).contains(firstId));

        rootIam.updateAssumeRolePolicy(r -> r.roleName("release").policyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(userArn)));
        assertThat(sts(second).assumeRole(r -> r.roleArn(first.roleArn()).roleSessionName("rebound")).credentials())
                .as("trust given again names the new user").isNotNull();
        assertThat(URLDecoder.decode(rootIam.getRole(r -> r.roleName("release")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains(userArn);
    }

    @Test
    void createRoleWhenTheTrustPolicyNamesAUserOrRoleThatDoesNotExistThenMalformedPolicyDocument() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-invalid-principal");
        IamClient rootIam = iam(root(account));
        String nobody = "arn:aws:iam::" + account.accountId() + ":user/nobody";

        assertThatThrownBy(() -> rootIam.createRole(r -> r.roleName("orphan").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":["%s","%s"]},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId(), nobody)))).isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Invalid principal in policy: \"AWS\":\"" + nobody + "\"");
        rootIam.createRole(r -> r.roleName("orphan").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())));
        assertThatThrownBy(() -> rootIam.updateAssumeRolePolicy(r -> r.roleName("orphan").policyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:role/missing"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId())))).isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void updateRoleWhenDescriptionAndDurationGivenThenGetRoleShowsThem() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-update-role");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("batch").description("before").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())));
        rootIam.updateRole(r -> r.roleName("batch").maxSessionDuration(7200));
        assertThat(rootIam.getRole(r -> r.roleName("batch")).role()).satisfies(role -> {
            assertThat(role.description()).isEqualTo("before");
            assertThat(role.maxSessionDuration()).isEqualTo(7200);
        });
        rootIam.updateRole(r -> r.roleName("batch").description("after"));
        assertThat(rootIam.getRole(r -> r.roleName("batch")).role().description()).isEqualTo("after");
        assertThatThrownBy(() -> rootIam.updateRole(r -> r.roleName("batch").maxSessionDuration(50000)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.updateRole(r -> r.roleName("nobody").description("x"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void deleteGroupWhenMembersOrPoliciesThenDeleteConflictAndGroupPoliciesCanBeReadAndDeleted() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-group");
        IamClient rootIam = iam(root(account));
        rootIam.createGroup(r -> r.groupName("ops"));
        rootIam.createUser(r -> r.userName("olga"));
        rootIam.addUserToGroup(r -> r.groupName("ops").userName("olga"));
        rootIam.putGroupPolicy(r -> r.groupName("ops").policyName("read").policyDocument(READ_ROLES));
        assertThat(rootIam.listGroupPolicies(r -> r.groupName("ops")).policyNames()).containsExactly("read");
        assertThat(URLDecoder.decode(rootIam.getGroupPolicy(r -> r.groupName("ops").policyName("read")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(READ_ROLES);

        assertThatThrownBy(() -> rootIam.deleteGroup(r -> r.groupName("ops"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must remove users from group first");
        rootIam.removeUserFromGroup(r -> r.groupName("ops").userName("olga"));
        assertThatThrownBy(() -> rootIam.deleteGroup(r -> r.groupName("ops"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete policies first");
        rootIam.deleteGroupPolicy(r -> r.groupName("ops").policyName("read"));
        rootIam.deleteGroup(r -> r.groupName("ops"));
        assertThat(rootIam.listGroups().groups()).isEmpty();
        assertThatThrownBy(() -> rootIam.getGroupPolicy(r -> r.groupName("ops").policyName("read")))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("The group with name ops cannot be found.");
    }

    @Test
    void managedPolicyVersionsWhenListedSetAndDeletedThenAsIamDoesAndPolicyDeletableOnlyWhenUnused() {
        NewAccount account = IssuerFixture.newAccount("lifecycle-policy");
        IamClient rootIam = iam(root(account));
        String arn = rootIam.createPolicy(r -> r.policyName("readers").path("/team/").policyDocument(READ_ROLES)).policy().arn();
        rootIam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(GET_ROLES));
        rootIam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(GET_ROLES));
        assertThat(rootIam.listPolicyVersions(r -> r.policyArn(arn)).versions())
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v3", false), org.assertj.core.groups.Tuple.tuple("v2", false),
                        org.assertj.core.groups.Tuple.tuple("v1", true));

        rootIam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        assertThat(rootIam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");
        assertThatThrownBy(() -> rootIam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v9")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> rootIam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2")))
                .isInstanceOf(DeleteConflictException.class).hasMessageContaining("Cannot delete the default version of a policy.");
        rootIam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v3"));
        assertThat(rootIam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(READ_ROLES)).policyVersion().versionId())
                .as("version ids are never reused").isEqualTo("v4");

        rootIam.createUser(r -> r.userName("ulla"));
        rootIam.createRole(r -> r.roleName("rolf").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())));
        rootIam.attachUserPolicy(r -> r.userName("ulla").policyArn(arn));
        rootIam.attachRolePolicy(r -> r.roleName("rolf").policyArn(arn));
        var entities = rootIam.listEntitiesForPolicy(r -> r.policyArn(arn));
        assertThat(entities.policyUsers()).extracting(PolicyUser::userName).containsExactly("ulla");
        assertThat(entities.policyRoles()).extracting(PolicyRole::roleName).containsExactly("rolf");
        assertThat(entities.policyGroups()).isEmpty();
        assertThat(rootIam.listEntitiesForPolicy(r -> r.policyArn(arn).entityFilter("Role")).policyUsers()).isEmpty();

        String unused = rootIam.createPolicy(r -> r.policyName("unused").policyDocument(READ_ROLES)).policy().arn();
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::policyName)
                .containsExactly("readers", "unused");
        assertThat(rootIam.listPolicies(r -> r.onlyAttached(true)).policies()).extracting(Policy::policyName).containsExactly("readers");
        assertThat(rootIam.listPolicies(r -> r.pathPrefix("/team/")).policies()).extracting(Policy::arn).containsExactly(arn);
        assertThat(rootIam.listPolicies(r -> r.scope(PolicyScopeType.AWS).maxItems(1000)).policies()).extracting(Policy::arn)
                .isNotEmpty().allMatch(awsArn -> awsArn.startsWith("arn:aws:iam::aws:policy/"));
        rootIam.putUserPermissionsBoundary(r -> r.userName("ulla").permissionsBoundary(unused));
        assertThat(rootIam.listPolicies(r -> r.policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY)).policies())
                .extracting(Policy::policyName).containsExactly("unused");
        assertThat(rootIam.getPolicy(r -> r.policyArn(unused)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);

        assertThatThrownBy(() -> rootIam.deletePolicy(r -> r.policyArn(arn))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("Cannot delete a policy attached to entities.");
        rootIam.detachUserPolicy(r -> r.userName("ulla").policyArn(arn));
        rootIam.detachRolePolicy(r -> r.roleName("rolf").policyArn(arn));
        assertThatThrownBy(() -> rootIam.deletePolicy(r -> r.policyArn(arn))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("you must delete the policy's versions");
        rootIam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        rootIam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v4"));
        rootIam.deletePolicy(r -> r.policyArn(arn));
        assertThatThrownBy(() -> rootIam.getPolicy(r -> r.policyArn(arn))).isInstanceOf(NoSuchEntityException.class);
        assertThat(rootIam.createPolicy(r -> r.policyName("readers").path("/team/").policyDocument(READ_ROLES)).policy()
                .defaultVersionId()).isEqualTo("v1");
    }

    @Test
    void createUserWhenRacedByConcurrentRequestsThenOneSucceedsAndTheOthersGetIamErrorsNeverAFailure() throws Exception {
        NewAccount account = IssuerFixture.newAccount("lifecycle-race");
        IamClient rootIam = iam(root(account));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        rootIam.createUser(r -> r.userName("racer"));
                        return "created";
                    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                        return errorCode(e);
                    }
                }));
            }
            java.util.List<String> codes = new java.util.ArrayList<>();
            for (var outcome : outcomes) {
                codes.add(outcome.get());
            }
            assertThat(codes).containsOnlyOnce("created");
            assertThat(codes).allMatch(code -> java.util.Set.of("created", "EntityAlreadyExists", "ConcurrentModification").contains(code));

            java.util.List<java.util.concurrent.Future<String>> policies = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "p" + i;
                policies.add(pool.submit(() -> {
                    try {
                        rootIam.putUserPolicy(r -> r.userName("racer").policyName(name).policyDocument(READ_ROLES));
                        return "put";
                    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                        return errorCode(e);
                    }
                }));
            }
            for (var outcome : policies) {
                assertThat(outcome.get()).isIn("put", "ConcurrentModification");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
