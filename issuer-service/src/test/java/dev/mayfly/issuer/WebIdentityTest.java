package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * OpenID Connect federation through the AWS SDK: IAM's OIDC providers, and AssumeRoleWithWebIdentity with ID tokens
 * signed by a local identity provider (HTTPS with a self-signed certificate, trusted through its thumbprint).
 */
class WebIdentityTest {

    private static TestIdentityProvider idp;

    @BeforeAll
    static void identityProvider() throws Exception {
        idp = new TestIdentityProvider();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    /** An STS client without credentials: the SDK sends AssumeRoleWithWebIdentity unsigned. */
    private static StsClient anonymousSts() {
        return StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    private static String host(String url) {
        return url.replaceFirst("^https://", "");
    }

    /** An account with the provider registered (client id "app") and a role that trusts it for one subject. */
    private record Federation(NewAccount account, String providerArn, String roleArn) {
    }

    private static Federation federation(String name, String subject) {
        NewAccount account = IssuerFixture.newAccount(name);
        IamClient rootIam = iam(root(account));
        String providerArn = rootIam.createOpenIDConnectProvider(r -> r.url(idp.url()).clientIDList("app")
                .thumbprintList(idp.thumbprint())).openIDConnectProviderArn();
        String roleArn = rootIam.createRole(r -> r.roleName("ci").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity",
                 "Condition":{"StringEquals":{"%s:aud":"app","%s:sub":"%s"}}}}""".formatted(providerArn, host(idp.url()), host(idp.url()),
                subject))).role().arn();
        rootIam.putRolePolicy(r -> r.roleName("ci").policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}"""));
        return new Federation(account, providerArn, roleArn);
    }

    private static AssumeRoleWithWebIdentityResponse assume(Federation federation, String token) {
        return anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(federation.roleArn()).roleSessionName("build-42")
                .webIdentityToken(token));
    }

    @Test
    void openIdConnectProviderWhenManagedThenAsIamAnswers() {
        NewAccount account = IssuerFixture.newAccount("oidc-providers");
        IamClient rootIam = iam(root(account));
        String arn = rootIam.createOpenIDConnectProvider(r -> r.url("https://Token.Example.com/tenant/").clientIDList("a", "b")
                .thumbprintList("9E99A48A9960B14926BB7F3B02E22DA2B0AB7280")).openIDConnectProviderArn();
        assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":oidc-provider/token.example.com/tenant");
        var provider = rootIam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(provider.url()).isEqualTo("Token.Example.com/tenant");
        assertThat(provider.clientIDList()).containsExactly("a", "b");
        assertThat(provider.thumbprintList()).containsExactly("9e99a48a9960b14926bb7f3b02e22da2b0ab7280");

        rootIam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("c"));
        rootIam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("c"));
        rootIam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("a"));
        rootIam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("absent"));
        rootIam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList("a".repeat(40), "b".repeat(40)));
        provider = rootIam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(provider.clientIDList()).containsExactly("b", "c");
        assertThat(provider.thumbprintList()).containsExactly("a".repeat(40), "b".repeat(40));
        assertThat(rootIam.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(OpenIDConnectProviderListEntry::arn)
                .containsExactly(arn);

        assertThatThrownBy(() -> rootIam.createOpenIDConnectProvider(r -> r.url("https://token.example.com/tenant")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"));
        assertThatThrownBy(() -> rootIam.createOpenIDConnectProvider(r -> r.url("http://insecure.example.com")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> rootIam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList("xyz")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                .thumbprintList("1".repeat(40), "2".repeat(40), "3".repeat(40), "4".repeat(40), "5".repeat(40), "6".repeat(40))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("LimitExceeded"));

        rootIam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThatThrownBy(() -> rootIam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    @Test
    void assumeRoleWithWebIdentityWhenTokenValidAndTrustedThenSessionOfTheRole() throws Exception {
        Federation federation = federation("oidc-assume", "repo:acme/app:ref:refs/heads/main");
        String token = idp.token(idp.claims("app", "repo:acme/app:ref:refs/heads/main"));
        AssumeRoleWithWebIdentityResponse response = assume(federation, token);
        assertThat(response.subjectFromWebIdentityToken()).isEqualTo("repo:acme/app:ref:refs/heads/main");
        assertThat(response.audience()).isEqualTo("app");
        assertThat(response.provider()).isEqualTo(idp.url());
        assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + federation.account().accountId() + ":assumed-role/ci/build-42");
        assertThat(iam(credentials(response.credentials())).listRoles().roles()).isNotEmpty();

        String otherSubject = idp.token(idp.claims("app", "repo:evil/app:ref:refs/heads/main"));
        assertThatThrownBy(() -> assume(federation, otherSubject)).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWithWebIdentityWhenTokenWrongThenStsErrors() throws Exception {
        Federation federation = federation("oidc-errors", "alice");
        // what depends on the role's account (its providers, their keys and audiences) is refused like an untrusted
        // caller, so that nothing of the account is told (NoEnumerationTest); what the token says of itself is STS's error
        assertThatThrownBy(() -> assume(federation, idp.token(idp.claims("someone-else", "alice"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                .hasMessageContaining("Not authorized to perform sts:AssumeRoleWithWebIdentity");

        Map<String, Object> expired = idp.claims("app", "alice");
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        assertThatThrownBy(() -> assume(federation, idp.token(expired)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ExpiredTokenException")).hasMessageContaining("Token expired");

        Map<String, Object> foreign = idp.claims("app", "alice");
        foreign.put("iss", "https://unknown.example.com");
        assertThatThrownBy(() -> assume(federation, idp.token(foreign)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                .hasMessageContaining("Not authorized to perform sts:AssumeRoleWithWebIdentity");

        Map<String, Object> noSubject = idp.claims("app", "alice");
        noSubject.remove("sub");
        assertThatThrownBy(() -> assume(federation, idp.token(noSubject)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("IDPRejectedClaim"));

        String token = idp.token(idp.claims("app", "alice"));
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertThatThrownBy(() -> assume(federation, tampered)).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> assume(federation, "not.a-jwt")).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidIdentityToken"));
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertThatThrownBy(() -> assume(federation, unsigned)).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidIdentityToken"));
    }

    @Test
    void assumeRoleWithWebIdentityWhenCertificateNotPinnedOrProviderDownThenRefusedLikeAnUntrustedCaller() throws Exception {
        try (TestIdentityProvider fresh = new TestIdentityProvider()) {
            NewAccount account = IssuerFixture.newAccount("oidc-untrusted");
            IamClient rootIam = iam(root(account));
            String providerArn = rootIam.createOpenIDConnectProvider(r -> r.url(fresh.url()).clientIDList("app")).openIDConnectProviderArn();
            String roleArn = rootIam.createRole(r -> r.roleName("ci").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                     "Action":"sts:AssumeRoleWithWebIdentity"}}""".formatted(providerArn))).role().arn();
            String token = fresh.token(fresh.claims("app", "alice"));
            assertThatThrownBy(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token)))
                    .as("a self-signed certificate is trusted only through a thumbprint; that the account has this provider is not told")
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

            rootIam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(providerArn).thumbprintList(fresh.thumbprint()));
            fresh.available(false);
            assertThatThrownBy(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token)))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                    .hasMessageStartingWith("Not authorized to perform sts:AssumeRoleWithWebIdentity")
                    .hasMessageNotContaining("127.0.0.1");
            fresh.available(true);
            assertThat(anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token))
                    .credentials()).isNotNull();
        }
    }

    @Test
    void assumeRoleWithWebIdentityWhenProviderRotatesItsKeysThenNewKeyFetchedAndCachedOtherwise() throws Exception {
        Federation federation = federation("oidc-rotation", "bob");
        assume(federation, idp.token(idp.claims("app", "bob")));
        int fetches = idp.jwksFetches();
        assume(federation, idp.token(idp.claims("app", "bob")));
        assertThat(idp.jwksFetches()).as("keys are cached").isEqualTo(fetches);

        idp.rotate("ES256");
        idp.retireOldKeys();
        assertThat(assume(federation, idp.token(idp.claims("app", "bob"))).credentials()).isNotNull();
        assertThat(idp.jwksFetches()).as("a new key id fetches the keys again").isEqualTo(fetches + 1);
    }

    @Test
    void assumeRoleWithWebIdentityWhenTokenCarriesSessionTagsThenTrustMustAllowTagSessionAndTheyArePrincipalTags() throws Exception {
        NewAccount account = IssuerFixture.newAccount("oidc-tags");
        IamClient rootIam = iam(root(account));
        String providerArn = rootIam.createOpenIDConnectProvider(r -> r.url(idp.url()).clientIDList("app")
                .thumbprintList(idp.thumbprint())).openIDConnectProviderArn();
        String trustWithout = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity"}}""".formatted(providerArn);
        String roleArn = rootIam.createRole(r -> r.roleName("tagged").assumeRolePolicyDocument(trustWithout)).role().arn();
        rootIam.putRolePolicy(r -> r.roleName("tagged").policyName("by-team").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops"}}}}"""));
        Map<String, Object> claims = idp.claims("app", "carol");
        claims.put("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("team", java.util.List.of("ops")),
                "transitive_tag_keys", java.util.List.of("team")));
        String token = idp.token(claims);
        assertThatThrownBy(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.updateAssumeRolePolicy(r -> r.roleName("tagged").policyDocument(trustWithout.replace("\"sts:AssumeRoleWithWebIdentity\"",
                "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]")));
        var session = anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token));
        assertThat(session.packedPolicySize()).isPositive();
        assertThat(iam(credentials(session.credentials())).listRoles().roles()).isNotEmpty();
    }

    @Test
    void assumeRoleWithWebIdentityWhenSessionPolicyBadOrTooLargeThenStsErrors() throws Exception {
        Federation federation = federation("oidc-shared-errors", "erin");
        String token = idp.token(idp.claims("app", "erin"));
        assertThatThrownBy(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(federation.roleArn()).roleSessionName("s1")
                .webIdentityToken(token).policy("{not json"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedPolicyDocument"));
        String large = """
                {"Version":"2012-10-17","Statement":[%s]}""".formatted(String.join(",", java.util.Collections.nCopies(40, """
                {"Effect":"Allow","Action":"iam:ListRoles","Resource":"arn:aws:iam::123456789012:role/some/long/path/name"}""")));
        assertThatThrownBy(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(federation.roleArn()).roleSessionName("s1")
                .webIdentityToken(token).policy(large))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("PackedPolicyTooLarge"));
    }
}
