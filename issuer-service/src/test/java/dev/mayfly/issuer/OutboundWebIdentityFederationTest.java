package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.storedEventsContaining;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Outbound web identity federation through the AWS SDK: IAM's Enable/Disable/GetOutboundWebIdentityFederationInfo, STS
 * GetWebIdentityToken, and the tokens verified as a relying party verifies them, with Nimbus JOSE+JWT through the
 * issuer's discovery document and key set.
 */
class OutboundWebIdentityFederationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VAULT = "https://vault.example.com";

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static int status(Throwable e) {
        return ((AwsServiceException) e).statusCode();
    }

    /** An account with outbound federation enabled, and a user who may ask for tokens for Vault, for 15 minutes at most. */
    private record Federated(NewAccount account, String issuer, AwsCredentials user, String userArn) {
    }

    private static Federated federated(String name) {
        NewAccount account = IssuerFixture.newAccount(name);
        IamClient rootIam = iam(root(account));
        String issuer = rootIam.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
        rootIam.createUser(r -> r.userName("ci").tags(t -> t.key("team").value("platform")));
        var key = rootIam.createAccessKey(r -> r.userName("ci")).accessKey();
        rootIam.putUserPolicy(r -> r.userName("ci").policyName("tokens").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*",
                 "Condition":{"ForAllValues:StringEquals":{"sts:IdentityTokenAudience":["%s","mayfly-b"]},
                              "NumericLessThanEquals":{"sts:DurationSeconds":"900"}}}}""".formatted(VAULT)));
        return new Federated(account, issuer, credentials(key.accessKeyId(), key.secretAccessKey()),
                "arn:aws:iam::" + account.accountId() + ":user/ci");
    }

    /** The relying party's check: discovery document, then its jwks_uri, then signature, issuer, audience and times. */
    static JWTClaimsSet verifiedThroughDiscovery(String issuer, String audience, String token) throws Exception {
        JsonNode discovery = Json.mapper().readTree(get(issuer + "/.well-known/openid-configuration").body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(discovery.path("jwks_uri").asText()).toURL())
                .retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES384), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp", "jti"), null));
        return processor.process(token, null);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void enableWhenRepeatedThenFeatureEnabledAndTheIssuerUrlKeptAcrossADisabling() {
        NewAccount account = IssuerFixture.newAccount("outbound-enable");
        IamClient rootIam = iam(root(account));
        assertThatThrownBy(() -> rootIam.getOutboundWebIdentityFederationInfo(r -> { }))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("FeatureDisabled")).satisfies(e -> assertThat(status(e)).isEqualTo(404));

        String issuer = rootIam.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();

        assertThat(issuer).startsWith(IssuerFixture.endpoint() + "/outbound/").doesNotContain(account.accountId());
        assertThatThrownBy(() -> rootIam.enableOutboundWebIdentityFederation(r -> { }))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("FeatureEnabled")).satisfies(e -> assertThat(status(e)).isEqualTo(409));
        GetOutboundWebIdentityFederationInfoResponse info = rootIam.getOutboundWebIdentityFederationInfo(r -> { });
        assertThat(info.issuerIdentifier()).isEqualTo(issuer);
        assertThat(info.jwtVendingEnabled()).isTrue();

        rootIam.disableOutboundWebIdentityFederation(r -> { });
        assertThatThrownBy(() -> rootIam.disableOutboundWebIdentityFederation(r -> { }))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("FeatureDisabled"));
        info = rootIam.getOutboundWebIdentityFederationInfo(r -> { });
        assertThat(info.issuerIdentifier()).isEqualTo(issuer);
        assertThat(info.jwtVendingEnabled()).isFalse();
        assertThat(rootIam.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier()).as("the issuer relying parties trust")
                .isEqualTo(issuer);
    }

    @Test
    void iamActionsWhenTheCallerHasNoPermissionThenAccessDeniedAndAnotherAccountUntouched() {
        Federated a = federated("outbound-iam-authz");
        IamClient userIam = iam(a.user());
        assertThatThrownBy(() -> userIam.disableOutboundWebIdentityFederation(r -> { }))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> userIam.getOutboundWebIdentityFederationInfo(r -> { }))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        NewAccount b = IssuerFixture.newAccount("outbound-other-tenant");
        assertThatThrownBy(() -> iam(root(b)).getOutboundWebIdentityFederationInfo(r -> { }))
                .as("another account's issuer is not this one's").satisfies(e -> assertThat(errorCode(e)).isEqualTo("FeatureDisabled"));
        assertThat(iam(root(a.account())).getOutboundWebIdentityFederationInfo(r -> { }).jwtVendingEnabled()).isTrue();
    }

    @Test
    void getWebIdentityTokenWhenVerifiedThroughDiscoveryThenSignatureIssuerAudienceSubjectAndTagsHold() throws Exception {
        Federated a = federated("outbound-tokens");
        for (String algorithm : List.of("RS256", "ES384")) {
            Instant before = Instant.now().minusSeconds(1);
            GetWebIdentityTokenResponse answer = sts(a.user()).getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm(algorithm)
                    .durationSeconds(900).tags(Tag.builder().key("job").value("deploy-42").build()));

            JWTClaimsSet claims = verifiedThroughDiscovery(a.issuer(), VAULT, answer.webIdentityToken());
            assertThat(SignedJWT.parse(answer.webIdentityToken()).getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
            assertThat(claims.getSubject()).isEqualTo(a.userArn());
            assertThat(claims.getAudience()).containsExactly(VAULT);
            assertThat(claims.getExpirationTime().toInstant()).isEqualTo(answer.expiration());
            assertThat(answer.expiration()).isBetween(before.plusSeconds(900), Instant.now().plusSeconds(901));
            assertThat(claims.getJSONObjectClaim("https://sts.amazonaws.com/")).containsEntry("aws_account", a.account().accountId())
                    .containsEntry("source_region", "us-east-1")
                    .containsEntry("principal_tags", Map.of("team", "platform"))
                    .containsEntry("request_tags", Map.of("job", "deploy-42"));
        }
        String twoAudiences = sts(a.user()).getWebIdentityToken(r -> r.audience(VAULT, "mayfly-b").signingAlgorithm("RS256"))
                .webIdentityToken();
        assertThat(verifiedThroughDiscovery(a.issuer(), "mayfly-b", twoAudiences).getAudience()).containsExactly(VAULT, "mayfly-b");
        long lifetime = SignedJWT.parse(twoAudiences).getJWTClaimsSet().getExpirationTime().getTime() / 1000
                - SignedJWT.parse(twoAudiences).getJWTClaimsSet().getIssueTime().getTime() / 1000;
        assertThat(lifetime).as("the default duration").isEqualTo(300);
    }

    @Test
    void getWebIdentityTokenWhenARoleSessionAsksThenTheSubjectIsTheRoleAndNoTokenOutlivesTheSession() throws Exception {
        Federated a = federated("outbound-role");
        IamClient rootIam = iam(root(a.account()));
        rootIam.putUserPolicy(r -> r.userName("ci").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        String roleArn = rootIam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(a.userArn())))
                .role().arn();
        rootIam.putRolePolicy(r -> r.roleName("deployer").policyName("tokens").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*"}}"""));
        StsClient session = sts(credentials(sts(a.user()).assumeRole(r -> r.roleArn(roleArn).roleSessionName("build-7")
                .durationSeconds(900)).credentials()));

        String token = session.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("ES384").durationSeconds(600)).webIdentityToken();

        assertThat(verifiedThroughDiscovery(a.issuer(), VAULT, token).getSubject()).isEqualTo(roleArn);
        assertThatThrownBy(() -> session.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("ES384").durationSeconds(3600)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("SessionDurationEscalationException"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(403));
    }

    @Test
    void getWebIdentityTokenWhenTheFeatureIsOffThenOutboundWebIdentityFederationDisabledAndTheRefusalRecorded() throws Exception {
        Federated a = federated("outbound-off");
        String before = sts(a.user()).getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")).webIdentityToken();
        iam(root(a.account())).disableOutboundWebIdentityFederation(r -> { });

        Throwable refused = catchThrowable(() -> sts(a.user())
                .getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")));

        assertThat(errorCode(refused)).isEqualTo("OutboundWebIdentityFederationDisabledException");
        assertThat(status(refused)).isEqualTo(403);
        assertThat(storedEventsContaining(((AwsServiceException) refused).requestId())).singleElement().asString()
                .contains("OutboundWebIdentityFederationDisabledException");
        assertThat(verifiedThroughDiscovery(a.issuer(), VAULT, before).getSubject()).as("tokens issued before still verify")
                .isEqualTo(a.userArn());
        NewAccount never = IssuerFixture.newAccount("outbound-never");
        assertThatThrownBy(() -> sts(root(never)).getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("OutboundWebIdentityFederationDisabledException"));
    }

    @Test
    void getWebIdentityTokenWhenThePolicyConditionsDoNotHoldThenAccessDenied() {
        Federated a = federated("outbound-conditions");
        StsClient user = sts(a.user());
        assertThatThrownBy(() -> user.getWebIdentityToken(r -> r.audience("https://elsewhere.example.com").signingAlgorithm("RS256")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> user.getWebIdentityToken(r -> r.audience(VAULT, "https://elsewhere.example.com").signingAlgorithm("RS256")))
                .as("every audience must be allowed").satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> user.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256").durationSeconds(901)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        IamClient rootIam = iam(root(a.account()));
        rootIam.createUser(r -> r.userName("nobody"));
        var key = rootIam.createAccessKey(r -> r.userName("nobody")).accessKey();
        assertThatThrownBy(() -> sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        rootIam.putUserPolicy(r -> r.userName("ci").policyName("only-es384").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"sts:GetWebIdentityToken","Resource":"*",
                 "Condition":{"StringNotEquals":{"sts:SigningAlgorithm":"ES384"}}}}"""));
        assertThatThrownBy(() -> user.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(user.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("ES384")).webIdentityToken()).isNotBlank();
    }

    @Test
    void getWebIdentityTokenWhenInputIsHostileThenTheDocumentedClientErrorNeverAServerError() {
        Federated a = federated("outbound-hostile");
        StsClient root = sts(root(a.account()));
        List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        List<Tag> large = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("key-" + i).value("v".repeat(256)).build()).toList();
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "aud-" + i).toList();
        Map<String, Runnable> calls = Map.of(
                "no audience", () -> root.getWebIdentityToken(r -> r.signingAlgorithm("RS256")),
                "eleven audiences", () -> root.getWebIdentityToken(r -> r.audience(eleven).signingAlgorithm("RS256")),
                "an audience too long", () -> root.getWebIdentityToken(r -> r.audience("a".repeat(1001)).signingAlgorithm("RS256")),
                "an empty audience", () -> root.getWebIdentityToken(r -> r.audience("").signingAlgorithm("RS256")),
                "no algorithm", () -> root.getWebIdentityToken(r -> r.audience(VAULT)),
                "a symmetric algorithm", () -> root.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("HS256")),
                "the none algorithm", () -> root.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("none")),
                "too short", () -> root.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256").durationSeconds(59)),
                "too long", () -> root.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256").durationSeconds(3601)),
                "51 tags", () -> root.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256").tags(fiftyOne)));
        calls.forEach((what, call) -> assertThatThrownBy(call::run).as(what)
                .satisfies(e -> assertThat(status(e)).isBetween(400, 499))
                .satisfies(e -> assertThat(errorCode(e)).isIn("ValidationError", "InvalidParameterValue")));
        assertThatThrownBy(() -> root.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256").tags(large)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("JWTPayloadSizeExceededException"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(400));
        assertThat(sts(root(a.account())).getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")).webIdentityToken())
                .as("the root may ask, as any principal of the account").isNotBlank();
    }

    @Test
    void getWebIdentityTokenWhenIssuedThenTheTokenIsInNoStoredEventOrAuditRecord() throws Exception {
        Federated a = federated("outbound-secret");
        String token = sts(a.user()).getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")).webIdentityToken();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));

        assertThat(storedEventsContaining(signature)).isEmpty();
        assertThat(storedEventsContaining(payload)).isEmpty();
        String tokenId = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        assertThat(storedEventsContaining(tokenId)).as("the call is recorded by the token's id").singleElement().asString()
                .contains("GetWebIdentityToken");
    }

    @Test
    void discoveryWhenAskedForAnUnknownIssuerOrAnotherPathOrMethodThenNotFoundAndOnlyPublicKeys() throws Exception {
        Federated a = federated("outbound-discovery");
        HttpResponse<String> keySet = get(a.issuer() + "/.well-known/jwks.json");
        assertThat(keySet.statusCode()).isEqualTo(200);
        assertThat(keySet.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("max-age="));
        JsonNode keys = Json.mapper().readTree(keySet.body()).path("keys");
        assertThat(keys.size()).isGreaterThanOrEqualTo(2);
        List<String> members = new ArrayList<>();
        keys.forEach(key -> key.fieldNames().forEachRemaining(members::add));
        assertThat(members).doesNotContain("d", "p", "q", "dp", "dq", "qi", "k");

        String unknown = IssuerFixture.endpoint() + "/outbound/" + UUID.randomUUID();
        for (String path : List.of(unknown + "/.well-known/jwks.json", unknown + "/.well-known/openid-configuration",
                a.issuer() + "/.well-known/other", a.issuer() + "/.well-known/jwks.json/x", a.issuer() + "/../jwks.json",
                IssuerFixture.endpoint() + "/outbound/", IssuerFixture.endpoint() + "/outbound/"
                        + a.issuer().substring(a.issuer().lastIndexOf('/') + 1).toUpperCase(Locale.ROOT) + "/.well-known/jwks.json",
                a.issuer() + "%2f.well-known%2fjwks.json")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain(a.account().accountId()).doesNotContain("Exception");
        }
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(a.issuer() + "/.well-known/jwks.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(405);
    }

    @Test
    void getWebIdentityTokenWhenTheCallerIsQuarantinedOrItsSessionRevokedThenAccessDeniedAsForANewSession() throws Exception {
        Federated a = federated("outbound-revoked");
        IamClient rootIam = iam(root(a.account()));
        rootIam.putUserPolicy(r -> r.userName("ci").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        String roleArn = rootIam.createRole(r -> r.roleName("signer").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(a.userArn())))
                .role().arn();
        rootIam.putRolePolicy(r -> r.roleName("signer").policyName("tokens").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*"}}"""));
        StsClient session = sts(credentials(sts(a.user()).assumeRole(r -> r.roleArn(roleArn).roleSessionName("old")).credentials()));
        assertThat(session.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")).webIdentityToken()).isNotBlank();
        Instant now = Instant.now();
        var revokeRole = new dev.mayfly.contract.RevocationRule("rr-" + UUID.randomUUID(), a.account().accountId(),
                RevocationRule.Scope.ROLE, roleArn, now, now, "arn:aws:iam::" + a.account().accountId() + ":root",
                "token leaked", now.plusSeconds(3600), RevocationRule.Kind.REVOKE);
        var quarantineUser = new dev.mayfly.contract.RevocationRule("rr-" + UUID.randomUUID(), a.account().accountId(),
                RevocationRule.Scope.PRINCIPAL, a.userArn(), now.plusSeconds(3600), now,
                "arn:aws:iam::" + a.account().accountId() + ":root", "investigating", now.plusSeconds(3600),
                RevocationRule.Kind.QUARANTINE);
        var signer = ForgedRevocationRecordsTest.revocationServiceSigner();
        try (var producer = ForgedRevocationRecordsTest.producer()) {
            for (var rule : List.of(revokeRole, quarantineUser)) {
                producer.send(signer.sign(new ProducerRecord<>(Topics.REVOCATIONS,
                        rule.ruleId(), Json.mapper().writeValueAsBytes(rule)))).get();
            }
        }

        ForgedRevocationRecordsTest.eventually(() -> refused(() -> session.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256"))));
        ForgedRevocationRecordsTest.eventually(() -> refused(() -> sts(a.user()).getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256"))));
    }

    private static boolean refused(Runnable call) {
        try {
            call.run();
            return false;
        } catch (AwsServiceException e) {
            return "AccessDenied".equals(e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void callsWhenUnauthenticatedThenRefusedWithAnAwsErrorNeverAServerError() {
        StsClient anonymous = StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        IamClient anonymousIam = IamClient.builder().endpointOverride(IssuerFixture.endpoint())
                .region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();

        assertThatThrownBy(() -> anonymous.getWebIdentityToken(r -> r.audience(VAULT).signingAlgorithm("RS256")))
                .satisfies(e -> assertThat(status(e)).isBetween(400, 499));
        assertThatThrownBy(() -> anonymousIam.enableOutboundWebIdentityFederation(r -> { }))
                .satisfies(e -> assertThat(status(e)).isBetween(400, 499));
        assertThatThrownBy(() -> anonymousIam.getOutboundWebIdentityFederationInfo(r -> { }))
                .satisfies(e -> assertThat(status(e)).isBetween(400, 499));
    }
}
