package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.contract.SessionKeyResponse;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.signing.PublicKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionTokenSealer;
import dev.mayfly.token.SignedClaims;
import dev.mayfly.token.TokenException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * POST /mayfly/session-key, and what a verifier can do with everything it is given: check a session's requests to its
 * own service, and nothing else. It cannot mint a session, alter one, or sign for the issuer's services.
 */
class SessionKeyEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
    private static final ServiceCredential NOTES = IssuerFixture.issuer().serviceCredential("notes");
    private static NewAccount account;
    private static Credentials session;

    @BeforeAll
    static void aSession() {
        account = IssuerFixture.newAccount("session-key-" + System.nanoTime());
        IssuerFixture.UserAndRole user = IssuerFixture.userWhoMayAssume(account, "alice", "reader");
        session = IssuerFixture.sts(user.user()).assumeRole(r -> r.roleArn(user.roleArn()).roleSessionName("s1")).credentials();
    }

    private static HttpResponse<String> ask(String authorization, String token, String date, String region) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + SessionKeyRequest.PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(new SessionKeyRequest(token, date, region))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + SessionKeyRequest.PATH))
                .header("Authorization", NOTES.header()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SessionKeyResponse granted(ServiceCredential verifier, String token) throws Exception {
        HttpResponse<String> answer = ask(verifier.header(), token, TODAY, "us-east-1");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.mapper().readValue(answer.body(), SessionKeyResponse.class);
    }

    private static PublicKeyRing issuerPublicKeys() throws Exception {
        return PublicKeyRing.load(IssuerFixture.tokenKeysFile().resolveSibling("issuer-signing.pub"));
    }

    /** An IAM call signed with a signing key rather than a secret, as a verifier holding one would make it. */
    private static HttpResponse<String> iamCallSignedWith(byte[] signingKey, String service, String token) throws Exception {
        byte[] body = "Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8);
        SignedRequest request = new SignedRequest("POST", "/", "", new RequestHeaders()
                .add("Host", IssuerFixture.endpoint().getAuthority())
                .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body);
        SigV4Signer.signWithSigningKey(request, session.accessKeyId(), signingKey, token, "us-east-1", service, Instant.now());
        HttpRequest.Builder http = HttpRequest.newBuilder(IssuerFixture.endpoint()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : request.headers().names()) {
            if (!name.equalsIgnoreCase("Host")) {
                request.headers().all(name).forEach(value -> http.header(name, value));
            }
        }
        return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sessionKeyWhenAVerifierShowsASessionTokenThenSignedClaimsWithoutTheSecretAndItsServicesKey() throws Exception {
        SessionKeyResponse grant = granted(NOTES, session.sessionToken());

        SessionClaims claims = SignedClaims.open(grant.signedClaims(), issuerPublicKeys());
        assertThat(claims.accessKeyId()).isEqualTo(session.accessKeyId());
        assertThat(claims.principalArn()).endsWith(":assumed-role/reader/s1");
        assertThat(claims.secretAccessKey()).isEmpty();
        assertThat(grant.toString() + Json.mapper().writeValueAsString(grant)).doesNotContain(session.secretAccessKey());
        assertThat(Base64.getDecoder().decode(grant.signingKey())).hasSize(32);
    }

    @Test
    void sessionKeyWhenTheCallerIsNoServiceOrAnotherServicesTokenThen401AndTheTokenNotLookedAt() throws Exception {
        for (String authorization : new String[] {null, "Bearer " + IssuerFixture.adminToken(), "MayflyService notes:" + "0".repeat(64),
                new ServiceCredential("other", NOTES.token()).header()}) {
            HttpResponse<String> answer = ask(authorization, session.sessionToken(), TODAY, "us-east-1");

            assertThat(answer.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("signingKey\":\"");
        }
    }

    @Test
    void sessionKeyWhenAskedForAMayflyServiceThenRefused() throws Exception {
        for (String service : List.of("iam", "sts", "cloudtrail", "revocation")) {
            HttpResponse<String> answer = ask(IssuerFixture.issuer().serviceCredential(service).header(), session.sessionToken(),
                    TODAY, "us-east-1");

            assertThat(answer.statusCode()).as(service).isEqualTo(403);
            assertThat(answer.body()).contains("never granted");
        }
    }

    @Test
    void sessionKeyWhenTheDayIsOutsideTheSessionsLifeOrMalformedThenRefused() throws Exception {
        String nextWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7).format(DateTimeFormatter.BASIC_ISO_DATE);
        String lastMonth = LocalDate.now(ZoneOffset.UTC).minusDays(30).format(DateTimeFormatter.BASIC_ISO_DATE);
        for (String date : List.of(nextWeek, lastMonth, "2026-12-06", "")) {
            assertThat(ask(NOTES.header(), session.sessionToken(), date, "us-east-1").statusCode()).as(date).isEqualTo(403);
        }
        assertThat(ask(NOTES.header(), session.sessionToken(), TODAY, "us-east-1/../x").statusCode()).isEqualTo(403);
        assertThat(ask(NOTES.header(), "{", TODAY, "us-east-1").statusCode()).isEqualTo(403);
        for (String body : List.of("[1,", "null", "{\"sessionToken\":7}")) {
            HttpResponse<String> malformed = post(body);
            assertThat(malformed.statusCode()).as(body).isEqualTo(400);
            assertThat(malformed.body()).contains("InvalidRequest").doesNotContain("Exception");
        }
        HttpResponse<String> oversized = post("{\"sessionToken\":\"" + "A".repeat(20_000) + "\"}");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(oversized.body()).contains("RequestEntityTooLarge");
    }

    @Test
    void verifierMaterialWhenUsedToSealANewSessionThenTheIssuerRefusesIt() throws Exception {
        SessionClaims root = new SessionClaims("ASIAFORGEDFORGED0001", "forged-secret", account.accountId(),
                SessionClaims.PrincipalType.ROOT_SESSION, "arn:aws:iam::" + account.accountId() + ":root", account.accountId(),
                "arn:aws:iam::" + account.accountId() + ":root", Instant.now(), Instant.now().plusSeconds(3600), null, null, null,
                null, null, Instant.now());
        // a verifier holds no sealing key: the best it can do is a ring of its own
        String forged = new SessionTokenSealer(KeyRing.parse(KeyRing.newKeyLine("k1"))).seal(root);

        assertThat(ask(NOTES.header(), forged, TODAY, "us-east-1").statusCode()).isEqualTo(403);
        Assertions.assertThatThrownBy(() -> IssuerFixture.sts(AwsSessionCredentials.create(root.accessKeyId(), root.secretAccessKey(), forged))
                .getCallerIdentity()).isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        // nor can it sign claims the issuer's public keys accept
        String selfSigned = SignedClaims.sign(root, SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())));
        Assertions.assertThatThrownBy(() -> SignedClaims.open(selfSigned, issuerPublicKeys())).isInstanceOf(TokenException.class);
    }

    @Test
    void verifierMaterialWhenUsedToAlterASessionThenRefused() throws Exception {
        String token = session.sessionToken();
        String altered = token.substring(0, token.length() / 2) + (token.charAt(token.length() / 2) == 'A' ? 'B' : 'A')
                + token.substring(token.length() / 2 + 1);
        assertThat(ask(NOTES.header(), altered, TODAY, "us-east-1").statusCode()).isEqualTo(403);

        String[] signed = granted(NOTES, token).signedClaims().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(signed[0]), StandardCharsets.UTF_8);
        String asRoot = claims.replace("\"ASSUMED_ROLE\"", "\"ROOT_SESSION\"");
        assertThat(asRoot).isNotEqualTo(claims);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(asRoot.getBytes(StandardCharsets.UTF_8))
                + "." + signed[1] + "." + signed[2];
        Assertions.assertThatThrownBy(() -> SignedClaims.open(tampered, issuerPublicKeys())).isInstanceOf(TokenException.class);
    }

    @Test
    void verifierMaterialWhenUsedToSignAnIamCallAsTheSessionThenTheIssuerRefusesIt() throws Exception {
        byte[] notesKey = Base64.getDecoder().decode(granted(NOTES, session.sessionToken()).signingKey());

        HttpResponse<String> scopedToIam = iamCallSignedWith(notesKey, "iam", session.sessionToken());
        HttpResponse<String> scopedToNotes = iamCallSignedWith(notesKey, "notes", session.sessionToken());

        assertThat(scopedToIam.statusCode()).isEqualTo(403);
        assertThat(scopedToIam.body()).contains("SignatureDoesNotMatch");
        assertThat(scopedToNotes.statusCode()).isEqualTo(403);
        assertThat(scopedToNotes.body()).contains("Credential should be scoped to correct service");
    }
}
