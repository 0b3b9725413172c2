package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mayfly.issuer.TestSamlIdentityProvider.Claims;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * No enumeration before authorization: a caller that may not act on an entity gets the same answer whether the entity
 * (or its account, its provider, its region settings) exists or not. Each test asks for existing and missing targets and
 * compares the answers, code and message, once the name the caller itself supplied is set aside.
 */
class NoEnumerationTest {

    private static TestIdentityProvider oidc;

    @BeforeAll
    static void identityProvider() throws Exception {
        oidc = new TestIdentityProvider();
    }

    @AfterAll
    static void stop() {
        oidc.close();
    }

    /** An error's code and message, with the encoded authorization message and the names the caller supplied set aside. */
    private record Answer(String code, String message) {
    }

    private static Answer answer(Runnable call, String... supplied) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails().errorMessage()
                    .replaceAll("Encoded authorization failure message: [\\w-]+", "Encoded authorization failure message: (sealed)");
            for (String name : supplied) {
                message = message.replace(name, "(named)");
            }
            return new Answer(e.awsErrorDetails().errorCode(), message);
        }
        throw new AssertionError("the call was not refused");
    }

    private static StsClient anonymousSts() {
        return StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    /** A user of the account with an access key and the given identity policy (none when null). */
    private static AwsCredentials user(NewAccount account, String name, String policy) {
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName(name));
        if (policy != null) {
            rootIam.putUserPolicy(r -> r.userName(name).policyName("policy").policyDocument(policy));
        }
        var key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return credentials(key.accessKeyId(), key.secretAccessKey());
    }

    private static String policyArn(NewAccount account, String name) {
        return "arn:aws:iam::" + account.accountId() + ":policy/" + name;
    }

    private static final String ALLOW_NOTHING_USEFUL = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}}""";

    @Test
    void iamActionsWhenCallerMayNotThenSameAccessDeniedWhetherEntityExistsOrNot() throws Exception {
        NewAccount account = IssuerFixture.newAccount("enum-iam");
        NewAccount other = IssuerFixture.newAccount("enum-iam-other");
        IamClient rootIam = iam(root(account));
        String document = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}""";
        rootIam.createUser(r -> r.userName("alpha").path("/division/"));
        String trustOwnAccount = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId());
        rootIam.createRole(r -> r.roleName("alpha").path("/team/").assumeRolePolicyDocument(trustOwnAccount));
        rootIam.createGroup(r -> r.groupName("alpha").path("/guild/"));
        rootIam.createPolicy(r -> r.policyName("alpha").policyDocument(document));
        rootIam.createInstanceProfile(r -> r.instanceProfileName("alpha").path("/fleet/"));
        iam(root(other)).createPolicy(r -> r.policyName("alpha").policyDocument(document));
        IamClient nobody = iam(user(account, "nobody", ALLOW_NOTHING_USEFUL));
        String ownPolicy = policyArn(account, "alpha");
        String missingPolicy = policyArn(account, "omega");
        String othersPolicy = policyArn(other, "alpha");

        List<List<Answer>> pairs = new ArrayList<>();
        pairs.add(List.of(answer(() -> nobody.getUser(r -> r.userName("alpha")), "alpha"),
                answer(() -> nobody.getUser(r -> r.userName("omega")), "omega")));
        pairs.add(List.of(answer(() -> nobody.getRole(r -> r.roleName("alpha")), "alpha"),
                answer(() -> nobody.getRole(r -> r.roleName("omega")), "omega")));
        pairs.add(List.of(answer(() -> nobody.getGroup(r -> r.groupName("alpha")), "alpha"),
                answer(() -> nobody.getGroup(r -> r.groupName("omega")), "omega")));
        pairs.add(List.of(answer(() -> nobody.getInstanceProfile(r -> r.instanceProfileName("alpha")), "alpha"),
                answer(() -> nobody.getInstanceProfile(r -> r.instanceProfileName("omega")), "omega")));
        pairs.add(List.of(answer(() -> nobody.addRoleToInstanceProfile(r -> r.instanceProfileName("alpha").roleName("alpha")), "alpha"),
                answer(() -> nobody.addRoleToInstanceProfile(r -> r.instanceProfileName("omega").roleName("omega")), "omega")));
        pairs.add(List.of(answer(() -> nobody.listInstanceProfilesForRole(r -> r.roleName("alpha")), "alpha"),
                answer(() -> nobody.listInstanceProfilesForRole(r -> r.roleName("omega")), "omega")));
        pairs.add(List.of(answer(() -> nobody.getPolicy(r -> r.policyArn(ownPolicy)), ownPolicy),
                answer(() -> nobody.getPolicy(r -> r.policyArn(missingPolicy)), missingPolicy),
                answer(() -> nobody.getPolicy(r -> r.policyArn(othersPolicy)), othersPolicy)));
        pairs.add(List.of(answer(() -> nobody.attachRolePolicy(r -> r.roleName("alpha").policyArn(ownPolicy)), "alpha"),
                answer(() -> nobody.attachRolePolicy(r -> r.roleName("alpha").policyArn(missingPolicy)), "alpha"),
                answer(() -> nobody.attachRolePolicy(r -> r.roleName("alpha").policyArn(othersPolicy)), "alpha"),
                answer(() -> nobody.attachRolePolicy(r -> r.roleName("omega").policyArn(othersPolicy)), "omega")));
        pairs.add(List.of(answer(() -> nobody.putUserPermissionsBoundary(r -> r.userName("alpha").permissionsBoundary(ownPolicy)), "alpha"),
                answer(() -> nobody.putUserPermissionsBoundary(r -> r.userName("alpha").permissionsBoundary(missingPolicy)), "alpha"),
                answer(() -> nobody.putUserPermissionsBoundary(r -> r.userName("alpha").permissionsBoundary(othersPolicy)), "alpha")));
        pairs.add(List.of(answer(() -> nobody.createUser(r -> r.userName("newcomer").permissionsBoundary(ownPolicy))),
                answer(() -> nobody.createUser(r -> r.userName("newcomer").permissionsBoundary(missingPolicy)))));
        pairs.add(List.of(answer(() -> nobody.createRole(r -> r.roleName("newcomer").permissionsBoundary(ownPolicy)
                        .assumeRolePolicyDocument(trustOwnAccount))),
                answer(() -> nobody.createRole(r -> r.roleName("newcomer").permissionsBoundary(missingPolicy)
                        .assumeRolePolicyDocument(trustOwnAccount)))));

        assertThat(pairs).allSatisfy(answers -> {
            assertThat(answers.getFirst().code()).isEqualTo("AccessDenied");
            assertThat(answers).as("one answer whatever exists").containsOnly(answers.getFirst());
        });
    }

    @Test
    void iamActionsWhenCallerMayThenNoSuchEntityForWhatIsNotItsAndAccessDeniedOnAnotherAccountsPolicyWhetherItExists() {
        NewAccount account = IssuerFixture.newAccount("enum-iam-allowed");
        NewAccount other = IssuerFixture.newAccount("enum-iam-allowed-other");
        IamClient rootIam = iam(root(account));
        rootIam.createRole(r -> r.roleName("alpha").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId())));
        String othersPolicy = iam(root(other)).createPolicy(r -> r.policyName("alpha").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}""")).policy().arn();

        Consumer<Runnable> noSuchEntity = call -> assertThat(answer(call).code()).isEqualTo("NoSuchEntity");
        noSuchEntity.accept(() -> rootIam.getUser(r -> r.userName("omega")));
        noSuchEntity.accept(() -> rootIam.attachRolePolicy(r -> r.roleName("alpha").policyArn(policyArn(account, "omega"))));
        // the root may do anything in its own account only: another account's policy is behind the tenant boundary
        Answer existing = answer(() -> rootIam.getPolicy(r -> r.policyArn(othersPolicy)), "alpha");
        Answer missing = answer(() -> rootIam.getPolicy(r -> r.policyArn(policyArn(other, "omega"))), "omega");
        assertThat(existing.code()).isEqualTo("AccessDenied");
        assertThat(existing.message()).contains("because no resource-based policy allows the iam:GetPolicy action");
        assertThat(missing).as("one answer whether it exists or not").isEqualTo(existing);
        // attaching is authorized on the caller's own role; another account's policy is then not found there, as in AWS
        noSuchEntity.accept(() -> rootIam.attachRolePolicy(r -> r.roleName("alpha").policyArn(othersPolicy)));
    }

    @Test
    void trustPolicyWhenItNamesAnotherAccountsUserThenSameAnswerWhetherItExistsAndOneCreatedLaterIsNotTrusted() throws Exception {
        NewAccount account = IssuerFixture.newAccount("enum-trust");
        NewAccount other = IssuerFixture.newAccount("enum-trust-other");
        String allowAssume = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}""";
        AwsCredentials alpha = user(other, "alpha", allowAssume);
        String trusting = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/%s"},"Action":"sts:AssumeRole"}}""";
        IamClient rootIam = iam(root(account));

        rootIam.createRole(r -> r.roleName("trusts-alpha").assumeRolePolicyDocument(trusting.formatted(other.accountId(), "alpha")));
        rootIam.createRole(r -> r.roleName("trusts-omega").assumeRolePolicyDocument(trusting.formatted(other.accountId(), "omega")));
        rootIam.updateAssumeRolePolicy(r -> r.roleName("trusts-omega").policyDocument(trusting.formatted(other.accountId(), "omega")));

        assertThat(URLDecoder.decode(rootIam.getRole(r -> r.roleName("trusts-omega")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8)).as("shown as written, as an existing user is")
                .contains("arn:aws:iam::" + other.accountId() + ":user/omega");
        assertThat(sts(alpha).assumeRole(r -> r.roleArn(role(account, "trusts-alpha")).roleSessionName("probe")).credentials()).isNotNull();
        AwsCredentials omega = user(other, "omega", allowAssume);
        assertThat(answer(() -> sts(omega).assumeRole(r -> r.roleArn(role(account, "trusts-omega")).roleSessionName("probe"))).code())
                .as("a user created after the policy was stored is not the one it named").isEqualTo("AccessDenied");
    }

    @Test
    void assumeRoleWhenAnotherAccountsRoleNotTrustingThenSameAccessDeniedWhateverThatAccountHasOrSet() throws Exception {
        NewAccount callers = IssuerFixture.newAccount("enum-assume-callers");
        NewAccount deactivated = IssuerFixture.newAccount("enum-assume-deactivated");
        NewAccount owner = IssuerFixture.newAccount("enum-assume-owner");
        String trustOwnAccount = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}}""";
        iam(root(deactivated)).createRole(r -> r.roleName("alpha").assumeRolePolicyDocument(trustOwnAccount.formatted(deactivated.accountId())));
        assertThat(IssuerFixture.setStsRegion(deactivated.accountId(), "eu-west-1", false).statusCode()).isEqualTo(200);
        iam(root(owner)).createRole(r -> r.roleName("alpha").assumeRolePolicyDocument(trustOwnAccount.formatted(owner.accountId())));
        iam(root(owner)).createPolicy(r -> r.policyName("alpha").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}"""));
        AwsCredentials proberKey = user(callers, "prober", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}""");
        StsClient prober = StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.EU_WEST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(proberKey)).build();
        String deactivatedRole = "arn:aws:iam::" + deactivated.accountId() + ":role/alpha";
        String ownersRole = "arn:aws:iam::" + owner.accountId() + ":role/alpha";
        String ownersMissingRole = "arn:aws:iam::" + owner.accountId() + ":role/omega";
        String nobodysRole = "arn:aws:iam::999999999999:role/alpha";

        List<Answer> answers = List.of(
                answer(() -> prober.assumeRole(r -> r.roleArn(ownersRole).roleSessionName("probe")), ownersRole),
                answer(() -> prober.assumeRole(r -> r.roleArn(ownersMissingRole).roleSessionName("probe")), ownersMissingRole),
                answer(() -> prober.assumeRole(r -> r.roleArn(nobodysRole).roleSessionName("probe")), nobodysRole),
                answer(() -> prober.assumeRole(r -> r.roleArn(deactivatedRole).roleSessionName("probe")), deactivatedRole),
                answer(() -> prober.assumeRole(r -> r.roleArn(ownersRole).roleSessionName("probe")
                        .policyArns(p -> p.arn(policyArn(owner, "alpha")))), ownersRole),
                answer(() -> prober.assumeRole(r -> r.roleArn(ownersRole).roleSessionName("probe")
                        .policyArns(p -> p.arn(policyArn(owner, "omega")))), ownersRole));

        assertThat(answers.getFirst().code()).isEqualTo("AccessDenied");
        assertThat(answers).containsOnly(answers.getFirst());
    }

    /** The operator's endpoint, asked with the given Authorization header (none when null). */
    private static HttpResponse<String> admin(String authorization, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(IssuerFixture.managementEndpoint() + "/mayfly/admin/sts-regions"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminEndpointWhenTokenMissingOrWrongThenSameRefusalWhateverAccountItNames() throws Exception {
        NewAccount existing = IssuerFixture.newAccount("enum-admin");
        String asked = """
                {"AccountId":"%s","Region":"eu-west-1","Active":false}""";
        List<HttpResponse<String>> answers = List.of(
                admin(null, asked.formatted(existing.accountId())),
                admin("Bearer not-the-token", asked.formatted(existing.accountId())),
                admin("Bearer not-the-token", asked.formatted("999999999999")),
                admin("Bearer " + IssuerFixture.adminToken() + "x", asked.formatted(existing.accountId())));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(403);
        assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
    }

    @Test
    void authorizeEndpointWhenSignedWithSomeonesKeyIdButNotItsSecretThenTheAnswerNamesNoUser() throws Exception {
        NewAccount account = IssuerFixture.newAccount("enum-authorize");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("secret-agent").path("/covert/"));
        String keyId = rootIam.createAccessKey(r -> r.userName("secret-agent")).accessKey().accessKeyId();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:7072/mayfly/rules")).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials(keyId, "not-the-secret")).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "revocation")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>(signed.headers());
        headers.putIfAbsent("Host", List.of("127.0.0.1:7072"));
        String asked = dev.mayfly.contract.Json.mapper().writeValueAsString(Map.of("method", "GET", "path", "/mayfly/rules",
                "headers", headers, "service", "revocation", "action", "revocation:ListRules", "resource", "*"));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(IssuerFixture.endpoint() + "/mayfly/authorize"))
                .header("Authorization", IssuerFixture.issuer().serviceCredential("revocation").header())
                .POST(HttpRequest.BodyPublishers.ofString(asked)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.body()).contains("\"allowed\":false").contains("SignatureDoesNotMatch")
                .doesNotContain("secret-agent").doesNotContain("covert").doesNotContain("AIDA");
    }

    /** A token the test identity provider signed: genuine, but for a subject no role here trusts. */
    private static String genuineToken(String audience) throws Exception {
        return oidc.token(oidc.claims(audience, "mallory"));
    }

    /** An account with the OIDC provider registered and a role "alpha" that trusts it for the subject alice only. */
    private static NewAccount oidcAccount(String name) {
        NewAccount account = IssuerFixture.newAccount(name);
        IamClient rootIam = iam(root(account));
        String providerArn = rootIam.createOpenIDConnectProvider(r -> r.url(oidc.url()).clientIDList("app")
                .thumbprintList(oidc.thumbprint())).openIDConnectProviderArn();
        String host = oidc.url().replaceFirst("^https://", "");
        rootIam.createRole(r -> r.roleName("alpha").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%s:sub":"alice"}}}}""".formatted(providerArn, host)));
        rootIam.createPolicy(r -> r.policyName("alpha").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}"""));
        return account;
    }

    private static String role(NewAccount account, String name) {
        return "arn:aws:iam::" + account.accountId() + ":role/" + name;
    }

    @Test
    void assumeRoleWithWebIdentityWhenNotTrustedThenSameAccessDeniedWhetherAccountRoleProviderOrPolicyExist() throws Exception {
        NewAccount federated = oidcAccount("enum-oidc");
        NewAccount withoutProvider = IssuerFixture.newAccount("enum-oidc-none");
        iam(root(withoutProvider)).createRole(r -> r.roleName("alpha").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::%s:oidc-provider/%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity"}}""".formatted(withoutProvider.accountId(), oidc.url().replaceFirst("^https://", ""))));
        String token = genuineToken("app");
        String otherAudience = genuineToken("another-app");
        StsClient anonymous = anonymousSts();

        List<Answer> answers = List.of(
                answer(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "alpha")).roleSessionName("probe")
                        .webIdentityToken(token))),
                answer(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "omega")).roleSessionName("probe")
                        .webIdentityToken(token))),
                answer(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(withoutProvider, "alpha")).roleSessionName("probe")
                        .webIdentityToken(token))),
                answer(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn("arn:aws:iam::999999999999:role/alpha").roleSessionName("probe")
                        .webIdentityToken(token))),
                answer(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "alpha")).roleSessionName("probe")
                        .webIdentityToken(token).policyArns(p -> p.arn(policyArn(federated, "omega"))))),
                answer(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "alpha")).roleSessionName("probe")
                        .webIdentityToken(otherAudience))));

        assertThat(answers).containsOnly(new Answer("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"));
    }

    @Test
    void assumeRoleWithWebIdentityWhenTrustedThenTheRolesAccountTellsWhichPoliciesItLacks() throws Exception {
        NewAccount federated = oidcAccount("enum-oidc-trusted");
        String token = oidc.token(oidc.claims("app", "alice"));
        assertThatThrownBy(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "alpha")).roleSessionName("probe")
                .webIdentityToken(token).policyArns(p -> p.arn(policyArn(federated, "omega")))))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument"));
        assertThat(anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "alpha")).roleSessionName("probe")
                .webIdentityToken(token).policyArns(p -> p.arn(policyArn(federated, "alpha")))).credentials()).isNotNull();
    }

    @Test
    void assumeRoleWithWebIdentityWhenRefusedAlikeThenTheNamedAccountsRecordKeepsTheReason() throws Exception {
        NewAccount federated = oidcAccount("enum-oidc-reason");
        Map<String, Object> claims = oidc.claims("app", "alice");
        claims.put("iss", "https://unregistered.example.com/enum");
        String token = oidc.token(claims);

        AwsServiceException refused = (AwsServiceException) catchThrowable(() -> anonymousSts()
                .assumeRoleWithWebIdentity(r -> r.roleArn(role(federated, "alpha")).roleSessionName("probe").webIdentityToken(token)));

        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        assertThat(IssuerFixture.storedEventsContaining(refused.requestId())).singleElement().asString()
                .contains("\"recipientAccountId\":\"" + federated.accountId() + "\"")
                .contains("\"refusalReason\":\"No OpenIDConnect provider found in your account for https://unregistered.example.com/enum\"");
    }

    /** An account with a SAML provider "corp" of the given identity provider and a role "alpha" trusting it for example.com only. */
    private static NewAccount samlAccount(String name, TestSamlIdentityProvider idp) {
        NewAccount account = IssuerFixture.newAccount(name);
        IamClient rootIam = iam(root(account));
        String providerArn = rootIam.createSAMLProvider(r -> r.name("corp").samlMetadataDocument(idp.metadata())).samlProviderArn();
        rootIam.createRole(r -> r.roleName("alpha").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithSAML",
                 "Condition":{"StringLike":{"SAML:sub":"*@example.com"}}}}""".formatted(providerArn)));
        return account;
    }

    private static String samlProvider(NewAccount account, String name) {
        return "arn:aws:iam::" + account.accountId() + ":saml-provider/" + name;
    }

    @Test
    void assumeRoleWithSamlWhenNotTrustedThenSameAccessDeniedWhetherAccountRoleProviderOrPolicyExist() throws Exception {
        TestSamlIdentityProvider idp = new TestSamlIdentityProvider("https://idp.example.com/enum");
        TestSamlIdentityProvider impostor = new TestSamlIdentityProvider("https://idp.example.com/enum");
        NewAccount federated = samlAccount("enum-saml", idp);
        StsClient anonymous = anonymousSts();
        record Attempt(String roleArn, String providerArn, TestSamlIdentityProvider signer, String policyArn) {
        }
        List<Attempt> attempts = List.of(
                new Attempt(role(federated, "alpha"), samlProvider(federated, "corp"), idp, null),
                new Attempt(role(federated, "omega"), samlProvider(federated, "corp"), idp, null),
                new Attempt(role(federated, "alpha"), samlProvider(federated, "ghost"), idp, null),
                new Attempt("arn:aws:iam::999999999999:role/alpha", "arn:aws:iam::999999999999:saml-provider/corp", idp, null),
                new Attempt(role(federated, "alpha"), samlProvider(federated, "corp"), impostor, null),
                new Attempt(role(federated, "alpha"), samlProvider(federated, "corp"), idp, policyArn(federated, "omega")));

        List<Answer> answers = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Claims claims = TestSamlIdentityProvider.claims("mallory@evil.example", attempt.roleArn(), attempt.providerArn(), "mallory");
            String response = attempt.signer().response(claims);
            answers.add(answer(() -> anonymous.assumeRoleWithSAML(r -> {
                r.roleArn(attempt.roleArn()).principalArn(attempt.providerArn()).samlAssertion(response);
                if (attempt.policyArn() != null) {
                    r.policyArns(p -> p.arn(attempt.policyArn()));
                }
            })));
        }

        assertThat(answers).containsOnly(new Answer("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"));
    }
}
