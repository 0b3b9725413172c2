package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.OutboundWebIdentityFederationTest.get;
import static dev.mayfly.issuer.OutboundWebIdentityFederationTest.verifiedThroughDiscovery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * Outbound tokens trusted and kept verifiable: Mayfly's own AssumeRoleWithWebIdentity, in another account, accepting
 * an account's GetWebIdentityToken token through its issuer URL (HTTPS, as IAM requires of OpenID Connect providers:
 * a TLS terminator in front of the issuer, as deployments run one); and a key rotation that publishes the next key
 * before it signs while the tokens signed before keep verifying.
 */
class OutboundWebIdentityTrustTest {

    private static final String AUDIENCE = "mayfly-b";

    private static IamClient iamAt(URI endpoint, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static StsClient stsAt(URI endpoint, AwsCredentials credentials) {
        var builder = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create());
        return builder.credentialsProvider(credentials == null ? AnonymousCredentialsProvider.create()
                : StaticCredentialsProvider.create(credentials)).build();
    }

    @Test
    void assumeRoleWithWebIdentityWhenAnotherAccountTrustsThisAccountsIssuerThenItsTokenOpensTheRole() throws Exception {
        try (TlsFront front = new TlsFront()) {
            IssuerService behind = IssuerFixture.issuerBehind(front.url());
            URI endpoint = URI.create("http://127.0.0.1:" + behind.port());
            front.forwardTo(endpoint);
            // made through the issuer the calls go to, which then has them in its read model at once
            NewAccount a = behind.accounts().create("outbound-trusted");
            IamClient aIam = iamAt(endpoint, root(a));
            String issuer = aIam.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
            assertThat(issuer).startsWith(front.url() + "/outbound/");
            aIam.createUser(r -> r.userName("ci"));
            aIam.putUserPolicy(r -> r.userName("ci").policyName("tokens").policyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*"}}"""));
            var key = aIam.createAccessKey(r -> r.userName("ci")).accessKey();
            String userArn = "arn:aws:iam::" + a.accountId() + ":user/ci";
            StsClient user = stsAt(endpoint, credentials(key.accessKeyId(), key.secretAccessKey()));

            NewAccount b = behind.accounts().create("outbound-trusting");
            IamClient bIam = iamAt(endpoint, root(b));
            String providerArn = bIam.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList(AUDIENCE)
                    .thumbprintList(front.thumbprint())).openIDConnectProviderArn();
            String provider = issuer.replaceFirst("^https://", "");
            String roleArn = bIam.createRole(r -> r.roleName("from-a").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"%s"},
                     "Action":"sts:AssumeRoleWithWebIdentity",
                     "Condition":{"StringEquals":{"%s:aud":"%s","%s:sub":"%s"}}}}""".formatted(providerArn, provider, AUDIENCE,
                    provider, userArn))).role().arn();

            String token = user.getWebIdentityToken(r -> r.audience(AUDIENCE).signingAlgorithm("RS256")).webIdentityToken();
            AssumeRoleWithWebIdentityResponse assumed = stsAt(endpoint, null).assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("from-a").webIdentityToken(token));

            assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + b.accountId() + ":assumed-role/from-a/from-a");
            assertThat(assumed.subjectFromWebIdentityToken()).isEqualTo(userArn);
            assertThat(stsAt(endpoint, credentials(assumed.credentials())).getCallerIdentity().account()).isEqualTo(b.accountId());

            String forVault = user.getWebIdentityToken(r -> r.audience("https://vault.example.com").signingAlgorithm("ES384"))
                    .webIdentityToken();
            assertThatThrownBy(() -> stsAt(endpoint, null).assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("from-a").webIdentityToken(forVault)))
                    .as("a token for another audience").satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isBetween(400, 499));
        }
    }

    @Test
    void rotateWhenTokensLiveThenTheyKeepVerifyingAndTheNextKeyIsPublishedBeforeItSigns() throws Exception {
        NewAccount account = IssuerFixture.newAccount("outbound-rotation");
        IamClient rootIam = IssuerFixture.iam(root(account));
        String issuer = rootIam.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
        StsClient rootSts = IssuerFixture.sts(root(account));
        String before = rootSts.getWebIdentityToken(r -> r.audience(AUDIENCE).signingAlgorithm("RS256")).webIdentityToken();
        List<String> keysBefore = keyIds(issuer);

        HttpResponse<String> rotated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(IssuerFixture.managementEndpoint() + "/mayfly/admin/token-keys/rotate"))
                .header("Authorization", "Bearer " + IssuerFixture.adminToken()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);

        List<String> keysAfter = keyIds(issuer);
        assertThat(keysAfter).containsAll(keysBefore).hasSize(keysBefore.size() + 2);
        String after = rootSts.getWebIdentityToken(r -> r.audience(AUDIENCE).signingAlgorithm("RS256")).webIdentityToken();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).as("the new key is published ahead of signing")
                .isEqualTo(SignedJWT.parse(before).getHeader().getKeyID()).isIn(keysAfter);
        assertThat(verifiedThroughDiscovery(issuer, AUDIENCE, before).getSubject()).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
        assertThat(verifiedThroughDiscovery(issuer, AUDIENCE, after).getSubject()).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
    }

    private static List<String> keyIds(String issuer) throws Exception {
        JsonNode keys = Json.mapper().readTree(get(issuer + "/.well-known/jwks.json").body()).path("keys");
        List<String> ids = new ArrayList<>();
        keys.forEach(key -> ids.add(key.path("kid").asText()));
        return ids;
    }
}
