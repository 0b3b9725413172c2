package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.storedEventsContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Instance profiles through the AWS SDK, as IAM's API reference documents them: the profile and its one role, paging,
 * tags, the conflicts that keep a profile and its role from being deleted while joined, the caller's policy deciding,
 * and what hostile or foreign requests get.
 */
class InstanceProfilesTest {

    private static final String EC2_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void instanceProfileWhenCreatedGivenARoleAndReadThenAsIamAnswers() throws Exception {
        NewAccount account = IssuerFixture.newAccount("profiles");
        IamClient rootIam = iam(root(account));
        InstanceProfile created = rootIam.createInstanceProfile(r -> r.instanceProfileName("web").path("/app/").tags(tag("team", "web")))
                .instanceProfile();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":instance-profile/app/web");
        assertThat(created.instanceProfileId()).startsWith("AIPA").hasSize(21);
        assertThat(created.roles()).isEmpty();
        assertThat(created.tags()).containsExactly(tag("team", "web"));
        assertThat(created.createDate()).isNotNull();

        rootIam.createRole(r -> r.roleName("web-app").path("/app/").assumeRolePolicyDocument(EC2_TRUST));
        rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("WEB").roleName("WEB-APP"));
        InstanceProfile read = rootIam.getInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile();
        assertThat(read.instanceProfileId()).isEqualTo(created.instanceProfileId());
        assertThat(read.path()).isEqualTo("/app/");
        assertThat(read.roles()).extracting(Role::roleName, Role::arn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web-app", "arn:aws:iam::" + account.accountId() + ":role/app/web-app"));
        assertThat(read.roles().get(0).assumeRolePolicyDocument()).contains("ec2.amazonaws.com");
        assertThat(rootIam.listInstanceProfilesForRole(r -> r.roleName("web-app")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("web");

        assertThatThrownBy(() -> rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("web-app")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("LimitExceeded"))
                .hasMessageContaining("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        assertThatThrownBy(() -> rootIam.deleteRole(r -> r.roleName("web-app")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("DeleteConflict"))
                .hasMessageContaining("Cannot delete entity, must remove roles from instance profile first.");
        assertThatThrownBy(() -> rootIam.deleteInstanceProfile(r -> r.instanceProfileName("web")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("DeleteConflict"));
        assertThat(rootIam.getRole(r -> r.roleName("web-app")).role().roleName()).isEqualTo("web-app");

        rootIam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web").roleName("web-app"));
        assertThat(rootIam.getInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile().roles()).isEmpty();
        assertThat(rootIam.listInstanceProfilesForRole(r -> r.roleName("web-app")).instanceProfiles()).isEmpty();
        assertThatThrownBy(() -> rootIam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web").roleName("web-app")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        rootIam.deleteInstanceProfile(r -> r.instanceProfileName("web"));
        rootIam.deleteRole(r -> r.roleName("web-app"));
        assertThatThrownBy(() -> rootIam.getInstanceProfile(r -> r.instanceProfileName("web")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity")).hasMessageContaining("Instance Profile web cannot be found.");

        String again = rootIam.createInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile().instanceProfileId();
        assertThat(again).isNotEqualTo(created.instanceProfileId());
        assertThat(storedEventsContaining(created.arn())).anySatisfy(event -> assertThat(event).contains("\"eventName\":\"CreateInstanceProfile\""));
    }

    @Test
    void listInstanceProfilesWhenPathPrefixAndMaxItemsThenFilteredAndPagedByName() {
        NewAccount account = IssuerFixture.newAccount("profiles-list");
        IamClient rootIam = iam(root(account));
        for (String name : List.of("c", "a", "d", "b")) {
            rootIam.createInstanceProfile(r -> r.instanceProfileName(name).path(name.equals("d") ? "/other/" : "/fleet/"));
        }
        List<String> names = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListInstanceProfilesResponse page = rootIam.listInstanceProfiles(r -> r.pathPrefix("/fleet/").maxItems(2).marker(from));
            page.instanceProfiles().forEach(p -> names.add(p.instanceProfileName()));
            marker = page.isTruncated() ? page.marker() : null;
            pages++;
        } while (marker != null);
        assertThat(names).containsExactly("a", "b", "c");
        assertThat(pages).isEqualTo(2);
        assertThat(rootIam.listInstanceProfiles().instanceProfiles()).hasSize(4);
    }

    @Test
    void instanceProfileTagsWhenTaggedAndUntaggedThenListedAsIamKeepsThem() {
        NewAccount account = IssuerFixture.newAccount("profiles-tags");
        IamClient rootIam = iam(root(account));
        rootIam.createInstanceProfile(r -> r.instanceProfileName("tagged").tags(tag("Team", "web")));
        rootIam.tagInstanceProfile(r -> r.instanceProfileName("tagged").tags(tag("team", "platform"), tag("env", "prod")));
        assertThat(rootIam.listInstanceProfileTags(r -> r.instanceProfileName("tagged")).tags())
                .containsExactlyInAnyOrder(tag("team", "platform"), tag("env", "prod"));
        rootIam.untagInstanceProfile(r -> r.instanceProfileName("tagged").tagKeys("ENV", "absent"));
        assertThat(rootIam.getInstanceProfile(r -> r.instanceProfileName("tagged")).instanceProfile().tags())
                .containsExactly(tag("team", "platform"));
        assertThatThrownBy(() -> rootIam.tagInstanceProfile(r -> r.instanceProfileName("tagged").tags(tag("aws:reserved", "x"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
    }

    @Test
    void instanceProfileActionsWhenHostileInputThenValidationErrorsAndNoSuchEntity() {
        NewAccount account = IssuerFixture.newAccount("profiles-hostile");
        IamClient rootIam = iam(root(account));
        assertThatThrownBy(() -> rootIam.createInstanceProfile(r -> r.instanceProfileName("bad/name")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.createInstanceProfile(r -> r.instanceProfileName("x".repeat(129))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.createInstanceProfile(r -> r.instanceProfileName("").path("/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.createInstanceProfile(r -> r.instanceProfileName("p").path("/" + "a".repeat(511) + "/")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.createInstanceProfile(r -> r.instanceProfileName("p").path("no-slashes")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.listInstanceProfiles(r -> r.maxItems(0)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.listInstanceProfiles(r -> r.marker("not-a-marker!")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        for (Runnable call : List.<Runnable>of(
                () -> rootIam.getInstanceProfile(r -> r.instanceProfileName("ghost")),
                () -> rootIam.deleteInstanceProfile(r -> r.instanceProfileName("ghost")),
                () -> rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("ghost").roleName("nobody")),
                () -> rootIam.listInstanceProfileTags(r -> r.instanceProfileName("ghost")),
                () -> rootIam.listInstanceProfilesForRole(r -> r.roleName("nobody")))) {
            assertThatThrownBy(call::run).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        }
        rootIam.createInstanceProfile(r -> r.instanceProfileName("real"));
        assertThatThrownBy(() -> rootIam.addRoleToInstanceProfile(r -> r.instanceProfileName("real").roleName("nobody")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity")).hasMessageContaining("The role with name nobody cannot be found.");
        assertThatThrownBy(() -> rootIam.createInstanceProfile(r -> r.instanceProfileName("REAL")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"));
    }

    @Test
    void instanceProfileWhenOtherTenantThenInvisibleAndUntouchable() {
        NewAccount owner = IssuerFixture.newAccount("profiles-owner");
        NewAccount other = IssuerFixture.newAccount("profiles-other");
        IamClient ownerIam = iam(root(owner));
        ownerIam.createInstanceProfile(r -> r.instanceProfileName("private"));
        ownerIam.createRole(r -> r.roleName("private-role").assumeRolePolicyDocument(EC2_TRUST));
        IamClient otherIam = iam(root(other));
        otherIam.createInstanceProfile(r -> r.instanceProfileName("mine"));

        assertThatThrownBy(() -> otherIam.getInstanceProfile(r -> r.instanceProfileName("private")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> otherIam.deleteInstanceProfile(r -> r.instanceProfileName("private")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> otherIam.addRoleToInstanceProfile(r -> r.instanceProfileName("mine").roleName("private-role")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThat(otherIam.listInstanceProfiles().instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("mine");
        assertThat(ownerIam.getInstanceProfile(r -> r.instanceProfileName("private")).instanceProfile().roles()).isEmpty();
    }

    @Test
    void instanceProfileActionsWhenCallerPolicyAllowsOnlySomeThenDecidedByIt() {
        NewAccount account = IssuerFixture.newAccount("profiles-authz");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("builder"));
        var key = rootIam.createAccessKey(r -> r.userName("builder")).accessKey();
        rootIam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(EC2_TRUST));
        rootIam.putUserPolicy(r -> r.userName("builder").policyName("profiles").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":["iam:CreateInstanceProfile","iam:GetInstanceProfile","iam:AddRoleToInstanceProfile"],
                  "Resource":"arn:aws:iam::%s:instance-profile/ci-*"}]}""".formatted(account.accountId())));
        IamClient builder = iam(credentials(key.accessKeyId(), key.secretAccessKey()));

        builder.createInstanceProfile(r -> r.instanceProfileName("ci-runner"));
        assertThat(builder.getInstanceProfile(r -> r.instanceProfileName("ci-runner")).instanceProfile().roles()).isEmpty();
        assertThatThrownBy(() -> builder.createInstanceProfile(r -> r.instanceProfileName("prod-web")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> builder.getInstanceProfile(r -> r.instanceProfileName("ci-missing")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> builder.getInstanceProfile(r -> r.instanceProfileName("prod-missing")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        // putting a role in a profile passes it: without iam:PassRole on the role, refused
        assertThatThrownBy(() -> builder.addRoleToInstanceProfile(r -> r.instanceProfileName("ci-runner").roleName("app")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied")).hasMessageContaining("iam:PassRole");
        assertThatThrownBy(() -> builder.deleteInstanceProfile(r -> r.instanceProfileName("ci-runner")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.putUserPolicy(r -> r.userName("builder").policyName("pass").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::%s:role/app"}]}"""
                .formatted(account.accountId())));
        builder.addRoleToInstanceProfile(r -> r.instanceProfileName("ci-runner").roleName("app"));
        assertThat(rootIam.listInstanceProfilesForRole(r -> r.roleName("app")).instanceProfiles()).hasSize(1);
    }
}
