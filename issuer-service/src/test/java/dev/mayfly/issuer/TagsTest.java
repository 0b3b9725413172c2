package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM tags on users, roles, managed policies, identity providers and MFA devices, session tags (sts:TagSession, aws:PrincipalTag, transitive tags) and managed session policies. */
class TagsTest {

    private static final String ALLOW_ASSUME_AND_TAG = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"*"}}""";

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static software.amazon.awssdk.services.sts.model.Tag sessionTag(String key, String value) {
        return software.amazon.awssdk.services.sts.model.Tag.builder().key(key).value(value).build();
    }

    private static String trust(String principal, String... actions) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":%s}}"""
                .formatted(principal, actions.length == 1 ? "\"" + actions[0] + "\"" : "[\"" + String.join("\",\"", actions) + "\"]");
    }

    @Test
    void tagRoleWhenKeyDiffersOnlyInCaseThenReplacedAndUntagRemovesAndGetRoleShowsThem() {
        NewAccount account = IssuerFixture.newAccount("tags-role");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("tagged").assumeRolePolicyDocument(trust(account.accountId(), "sts:AssumeRole"))
                .tags(tag("Team", "platform"), tag("env", "prod")));
        assertThat(rootIam.getRole(r -> r.roleName("tagged")).role().tags()).containsExactly(tag("Team", "platform"), tag("env", "prod"));

        rootIam.tagRole(r -> r.roleName("tagged").tags(tag("team", "security")));
        assertThat(rootIam.listRoleTags(r -> r.roleName("tagged")).tags()).containsExactlyInAnyOrder(tag("team", "security"), tag("env", "prod"));
        rootIam.untagRole(r -> r.roleName("tagged").tagKeys("ENV", "absent"));
        assertThat(rootIam.listRoleTags(r -> r.roleName("tagged")).tags()).containsExactly(tag("team", "security"));

        assertThatThrownBy(() -> rootIam.tagRole(r -> r.roleName("tagged").tags(tag("a", "1"), tag("A", "2"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput")).hasMessageContaining("Duplicate tag keys found");
        assertThatThrownBy(() -> rootIam.tagRole(r -> r.roleName("tagged").tags(tag("aws:reserved", "x"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> rootIam.tagRole(r -> r.roleName("tagged").tags(tag("bad{key}", "x"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
        assertThatThrownBy(() -> rootIam.tagRole(r -> r.roleName("tagged").tags(fifty)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("LimitExceeded"));
        assertThatThrownBy(() -> rootIam.listRoleTags(r -> r.roleName("nobody"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void tagPolicyWhenCreatedTaggedThenGetPolicyAndListPolicyTagsShowThemAndUntagRemoves() {
        NewAccount account = IssuerFixture.newAccount("tags-policy");
        IamClient rootIam = iam(root(account));
        String arn = rootIam.createPolicy(r -> r.policyName("read").policyDocument(ALLOW_ASSUME_AND_TAG).tags(tag("Team", "platform")))
                .policy().arn();
        assertThat(rootIam.getPolicy(r -> r.policyArn(arn)).policy().tags()).containsExactly(tag("Team", "platform"));

        rootIam.tagPolicy(r -> r.policyArn(arn).tags(tag("team", "security"), tag("env", "prod")));
        assertThat(rootIam.listPolicyTags(r -> r.policyArn(arn)).tags()).containsExactlyInAnyOrder(tag("team", "security"), tag("env", "prod"));
        rootIam.untagPolicy(r -> r.policyArn(arn).tagKeys("ENV"));
        assertThat(rootIam.getPolicy(r -> r.policyArn(arn)).policy().tags()).containsExactly(tag("team", "security"));

        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
        assertThatThrownBy(() -> rootIam.tagPolicy(r -> r.policyArn(arn).tags(fifty)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("LimitExceeded"));
        String absent = arn.replace(":policy/read", ":policy/absent");
        assertThatThrownBy(() -> rootIam.listPolicyTags(r -> r.policyArn(absent))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> rootIam.tagPolicy(r -> r.policyArn(absent).tags(tag("a", "1"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void createPolicyWhenTaggedWithoutTagPolicyPermissionThenAccessDenied() {
        NewAccount account = IssuerFixture.newAccount("tags-policy-create");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("author"));
        var key = rootIam.createAccessKey(r -> r.userName("author")).accessKey();
        rootIam.putUserPolicy(r -> r.userName("author").policyName("create-only").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:CreatePolicy","Resource":"*"}}"""));
        IamClient author = iam(credentials(key.accessKeyId(), key.secretAccessKey()));

        assertThatThrownBy(() -> author.createPolicy(r -> r.policyName("tagged").policyDocument(ALLOW_ASSUME_AND_TAG).tags(tag("Team", "x"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(author.createPolicy(r -> r.policyName("untagged").policyDocument(ALLOW_ASSUME_AND_TAG)).policy().tags()).isEmpty();
    }

    @Test
    void tagOpenIdConnectProviderWhenCreatedTaggedThenGetAndListShowThemAndUntagRemoves() {
        NewAccount account = IssuerFixture.newAccount("tags-oidc");
        IamClient rootIam = iam(root(account));
        var created = rootIam.createOpenIDConnectProvider(r -> r.url("https://token.example.com/tags").clientIDList("app")
                .thumbprintList("a".repeat(40)).tags(tag("Team", "ci")));
        assertThat(created.tags()).containsExactly(tag("Team", "ci"));
        String arn = created.openIDConnectProviderArn();
        assertThat(rootIam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).tags()).containsExactly(tag("Team", "ci"));

        rootIam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(tag("env", "prod")));
        assertThat(rootIam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                .containsExactlyInAnyOrder(tag("Team", "ci"), tag("env", "prod"));
        rootIam.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("TEAM"));
        assertThat(rootIam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).tags()).containsExactly(tag("env", "prod"));

        String absent = arn.replace("/tags", "/absent");
        assertThatThrownBy(() -> rootIam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(absent)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void tagSamlProviderWhenCreatedTaggedThenGetAndListShowThemAndUntagRemoves() throws Exception {
        NewAccount account = IssuerFixture.newAccount("tags-saml");
        IamClient rootIam = iam(root(account));
        String metadata = new TestSamlIdentityProvider("https://idp.example.com/tags").metadata();
        var created = rootIam.createSAMLProvider(r -> r.name("corp").samlMetadataDocument(metadata).tags(tag("Team", "sso")));
        assertThat(created.tags()).containsExactly(tag("Team", "sso"));
        String arn = created.samlProviderArn();

        rootIam.tagSAMLProvider(r -> r.samlProviderArn(arn).tags(tag("env", "prod")));
        assertThat(rootIam.listSAMLProviderTags(r -> r.samlProviderArn(arn)).tags()).containsExactlyInAnyOrder(tag("Team", "sso"), tag("env", "prod"));
        rootIam.untagSAMLProvider(r -> r.samlProviderArn(arn).tagKeys("team"));
        assertThat(rootIam.getSAMLProvider(r -> r.samlProviderArn(arn)).tags()).containsExactly(tag("env", "prod"));

        assertThatThrownBy(() -> rootIam.tagSAMLProvider(r -> r.samlProviderArn(arn.replace("/corp", "/absent")).tags(tag("a", "1"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void tagMfaDeviceWhenCreatedTaggedThenListsShowThemAndUntagRemoves() {
        NewAccount account = IssuerFixture.newAccount("tags-mfa");
        IamClient rootIam = iam(root(account));
        var created = rootIam.createVirtualMFADevice(r -> r.virtualMFADeviceName("phone").tags(tag("Owner", "alice"))).virtualMFADevice();
        assertThat(created.tags()).containsExactly(tag("Owner", "alice"));
        String serial = created.serialNumber();

        rootIam.tagMFADevice(r -> r.serialNumber(serial).tags(tag("env", "prod")));
        assertThat(rootIam.listMFADeviceTags(r -> r.serialNumber(serial)).tags()).containsExactlyInAnyOrder(tag("Owner", "alice"), tag("env", "prod"));
        rootIam.untagMFADevice(r -> r.serialNumber(serial).tagKeys("owner"));
        assertThat(rootIam.listVirtualMFADevices().virtualMFADevices()).singleElement()
                .satisfies(device -> assertThat(device.tags()).containsExactly(tag("env", "prod")));

        assertThatThrownBy(() -> rootIam.listMFADeviceTags(r -> r.serialNumber(serial.replace("/phone", "/absent"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void tagUserWhenPolicyLimitsRequestTagsThenOnlyThoseTagsMayBeSet() {
        NewAccount account = IssuerFixture.newAccount("tags-user");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("tagger"));
        var key = rootIam.createAccessKey(r -> r.userName("tagger")).accessKey();
        rootIam.putUserPolicy(r -> r.userName("tagger").policyName("cost-center-only").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:TagUser","Resource":"*",
                 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["CostCenter"]}}}}"""));
        rootIam.createUser(r -> r.userName("target").tags(tag("owner", "ops")));
        IamClient tagger = iam(credentials(key.accessKeyId(), key.secretAccessKey()));

        tagger.tagUser(r -> r.userName("target").tags(tag("CostCenter", "42")));
        assertThatThrownBy(() -> tagger.tagUser(r -> r.userName("target").tags(tag("owner", "me"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(rootIam.getUser(r -> r.userName("target")).user().tags()).containsExactly(tag("owner", "ops"), tag("CostCenter", "42"));
        rootIam.untagUser(r -> r.userName("target").tagKeys("owner"));
        assertThat(rootIam.listUserTags(r -> r.userName("target")).tags()).containsExactly(tag("CostCenter", "42"));
    }

    @Test
    void assumeRoleWhenTagsWithoutTagSessionInTrustPolicyThenAccessDeniedAndWithItTheTagsArePrincipalTags() {
        NewAccount account = IssuerFixture.newAccount("tags-session");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "tagged-role");
        IamClient rootIam = iam(root(account));
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument(ALLOW_ASSUME_AND_TAG));
        rootIam.tagRole(r -> r.roleName("tagged-role").tags(tag("team", "ops"), tag("tier", "gold")));
        rootIam.putRolePolicy(r -> r.roleName("tagged-role").policyName("by-tag").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"iam:ListRoles","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/Team":"platform"}}},
                 {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/tier":"gold"}}}]}"""));

        assertThatThrownBy(() -> sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1")
                .tags(sessionTag("team", "platform")))).satisfies(e -> {
                    assertThat(errorCode(e)).isEqualTo("AccessDenied");
                    assertThat(e).hasMessageContaining("sts:TagSession");
                });

        String userArn = "arn:aws:iam::" + account.accountId() + ":user/dev";
        rootIam.updateAssumeRolePolicy(r -> r.roleName("tagged-role").policyDocument(trust(userArn, "sts:AssumeRole", "sts:TagSession")));
        var tagged = sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1").tags(sessionTag("team", "platform")));
        assertThat(tagged.packedPolicySize()).isPositive();
        IamClient taggedIam = iam(credentials(tagged.credentials()));
        assertThat(taggedIam.listRoles().roles()).as("session tag team=platform overrides the role's team=ops").isNotEmpty();
        assertThat(taggedIam.listUsers().users()).as("the role's own tags are principal tags too").isNotEmpty();

        var untagged = iam(credentials(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("u1")).credentials()));
        assertThatThrownBy(untagged::listRoles).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWhenChainedThenTransitiveTagsFollowAndCannotBeOverridden() {
        NewAccount account = IssuerFixture.newAccount("tags-transitive");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "first");
        IamClient rootIam = iam(root(account));
        String accountPrincipal = account.accountId();
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument(ALLOW_ASSUME_AND_TAG));
        rootIam.updateAssumeRolePolicy(r -> r.roleName("first").policyDocument(trust(accountPrincipal, "sts:AssumeRole", "sts:TagSession")));
        rootIam.putRolePolicy(r -> r.roleName("first").policyName("chain").policyDocument(ALLOW_ASSUME_AND_TAG));
        rootIam.createRole(r -> r.roleName("second").assumeRolePolicyDocument(trust(accountPrincipal, "sts:AssumeRole", "sts:TagSession")));
        rootIam.putRolePolicy(r -> r.roleName("second").policyName("by-tag").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalTag/project":"apollo"}}}}"""));
        String second = "arn:aws:iam::" + account.accountId() + ":role/second";

        var first = sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("one")
                .tags(sessionTag("project", "apollo"), sessionTag("scratch", "x")).transitiveTagKeys("project")).credentials();
        var chained = sts(credentials(first)).assumeRole(r -> r.roleArn(second).roleSessionName("two")).credentials();
        assertThat(iam(credentials(chained)).listRoles().roles()).isNotEmpty();

        assertThatThrownBy(() -> sts(credentials(first)).assumeRole(r -> r.roleArn(second).roleSessionName("three")
                .tags(sessionTag("Project", "gemini")))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("four")
                .tags(sessionTag("a", "1")).transitiveTagKeys("b"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void assumeRoleWhenPolicyArnsThenSessionBoundedByThemAndUnknownArnRefused() {
        NewAccount account = IssuerFixture.newAccount("tags-policy-arns");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "wide");
        IamClient rootIam = iam(root(account));
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument(ALLOW_ASSUME_AND_TAG));
        rootIam.putRolePolicy(r -> r.roleName("wide").policyName("iam-read").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:ListRoles","iam:ListUsers"],"Resource":"*"}}"""));
        String usersOnly = rootIam.createPolicy(r -> r.policyName("users-only").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}}""")).policy().arn();

        var response = sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1").policyArns(p -> p.arn(usersOnly)));
        assertThat(response.packedPolicySize()).isPositive();
        IamClient bounded = iam(credentials(response.credentials()));
        assertThat(bounded.listUsers().users()).isNotEmpty();
        assertThatThrownBy(bounded::listRoles).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        String missing = "arn:aws:iam::" + account.accountId() + ":policy/missing";
        assertThatThrownBy(() -> sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1").policyArns(p -> p.arn(missing))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedPolicyDocument"));
    }

    @Test
    void getFederationTokenWhenTagsThenTheyNeedTagSession() {
        NewAccount account = IssuerFixture.newAccount("tags-federation");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("broker"));
        var key = rootIam.createAccessKey(r -> r.userName("broker")).accessKey();
        AwsCredentials broker = credentials(key.accessKeyId(), key.secretAccessKey());
        rootIam.putUserPolicy(r -> r.userName("broker").policyName("federate").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"},
                 {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/desk":"fx"}}}]}"""));
        String listUsers = rootIam.createPolicy(r -> r.policyName("list-users").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}}""")).policy().arn();

        assertThatThrownBy(() -> sts(broker).getFederationToken(r -> r.name("trader").policyArns(p -> p.arn(listUsers))
                .tags(sessionTag("desk", "fx")))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        rootIam.putUserPolicy(r -> r.userName("broker").policyName("tag").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:TagSession","Resource":"*"}}"""));
        var token = sts(broker).getFederationToken(r -> r.name("trader").policyArns(p -> p.arn(listUsers)).tags(sessionTag("desk", "fx")));
        assertThat(token.packedPolicySize()).isPositive();
        assertThat(sts(credentials(token.credentials())).getCallerIdentity().arn()).endsWith(":federated-user/trader");
    }
}
