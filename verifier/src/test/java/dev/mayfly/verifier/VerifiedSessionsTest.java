package dev.mayfly.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionKeyGrant;
import dev.mayfly.token.SignedClaims;
import dev.mayfly.token.TokenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedSessionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path keys;

    private static SessionClaims claims(String accessKeyId) {
        return new SessionClaims(accessKeyId, "secret-" + accessKeyId, ACCOUNT, SessionClaims.PrincipalType.ASSUMED_ROLE,
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/s1", "AROAREADER:s1", "arn:aws:iam::" + ACCOUNT + ":role/reader",
                NOW.minusSeconds(60), NOW.plusSeconds(3600), null, null, null, null, null, null);
    }

    @Test
    void sessionWhenAskedAgainForTheSameDayAndRegionThenTheIssuerIsAskedOnce() {
        InProcessIssuer issuer = new InProcessIssuer(keys);
        VerifiedSessions sessions = issuer.sessions("notes", NOW);
        String token = issuer.seal(claims("ASIAONE"));

        VerifiedSessions.Session first = sessions.session(token, "20261123", "us-east-1");
        VerifiedSessions.Session again = sessions.session(token, "20261123", "us-east-1");
        sessions.session(token, "20261123", "eu-west-1");

        assertThat(again.signingKey()).isEqualTo(first.signingKey());
        assertThat(first.claims().secretAccessKey()).isEmpty();
        assertThat(issuer.questions).hasValue(2);
    }

    @Test
    void sessionWhenManyRequestsOfANewSessionArriveTogetherThenOneQuestion() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        InProcessIssuer issuer = new InProcessIssuer(keys);
        String token = issuer.seal(claims("ASIATOGETHER"));
        CountDownLatch release = new CountDownLatch(1);
        VerifiedSessions sessions = new VerifiedSessions((t, date, region) -> {
            asked.incrementAndGet();
            await(release);
            return issuer.grants.grant(t, date, region, "notes", NOW);
        }, PublicKeyFile.watch(issuer.publicKeysFile), Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<VerifiedSessions.Session>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> sessions.session(token, "20261123", "us-east-1")));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<VerifiedSessions.Session> answer : answers) {
                assertThat(answer.get().claims().accessKeyId()).isEqualTo("ASIATOGETHER");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void sessionWhenTheIssuerRefusedATokenThenRefusedAgainWithoutAsking() {
        InProcessIssuer issuer = new InProcessIssuer(keys);
        VerifiedSessions sessions = issuer.sessions("notes", NOW);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> sessions.session("forged-token", "20261123", "us-east-1")).isInstanceOf(TokenException.class);
        }
        assertThat(issuer.questions).hasValue(1);
    }

    @Test
    void sessionWhenTheTokenCannotBeOneTheIssuerSealedThenRefusedWithoutAsking() {
        InProcessIssuer issuer = new InProcessIssuer(keys);
        VerifiedSessions sessions = issuer.sessions("notes", NOW);

        for (String garbage : new String[] {"", "not a token", "a+b/c=", "x".repeat(8193), "tok\u0000en"}) {
            assertThatThrownBy(() -> sessions.session(garbage, "20261123", "us-east-1")).isInstanceOf(TokenException.class);
        }
        assertThat(issuer.questions).hasValue(0);
    }

    @Test
    void sessionWhenTheIssuerIsUnreachableThenRefusedAndAskedAgainNextTime() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        InProcessIssuer issuer = new InProcessIssuer(keys);
        String token = issuer.seal(claims("ASIADOWN"));
        VerifiedSessions sessions = new VerifiedSessions((t, date, region) -> {
            if (asked.incrementAndGet() == 1) {
                throw new IssuerUnavailableException("the issuer could not be reached");
            }
            return issuer.grants.grant(t, date, region, "notes", NOW);
        }, PublicKeyFile.watch(issuer.publicKeysFile), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> sessions.session(token, "20261123", "us-east-1")).isInstanceOf(IssuerUnavailableException.class);
        assertThat(sessions.session(token, "20261123", "us-east-1").claims().accessKeyId()).isEqualTo("ASIADOWN");
    }

    @Test
    void sessionWhenClaimsAreSignedByAnyoneButTheIssuerThenRefused() throws Exception {
        InProcessIssuer issuer = new InProcessIssuer(keys);
        String token = issuer.seal(claims("ASIAREAL"));
        // everything a verifier holds (the public keys, its credential, granted keys) signs nothing: a key of its own does not pass
        SigningKeyRing notTheIssuers = SigningKeyRing.parse(SigningKeyRing.newKeyLine(NOW));
        SessionKeyGrant real = issuer.grants.grant(token, "20261123", "us-east-1", "notes", NOW);
        VerifiedSessions sessions = new VerifiedSessions((t, date, region) -> new SessionKeyGrant(
                SignedClaims.sign(claims("ASIAREAL"), notTheIssuers), real.signingKey()), PublicKeyFile.watch(issuer.publicKeysFile), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> sessions.session(token, "20261123", "us-east-1"))
                .isInstanceOf(TokenException.class).hasMessageContaining("not signed by the issuer");
    }

    @Test
    void sessionWhenTheIssuerRotatedItsClaimsKeyThenTheNewPublicFileIsReadWithoutRestart() throws Exception {
        InProcessIssuer issuer = new InProcessIssuer(keys);
        SigningKeyRing rotated = SigningKeyRing.parse(SigningKeyRing.newKeyLine(NOW));
        String token = issuer.seal(claims("ASIAROTATED"));
        VerifiedSessions sessions = new VerifiedSessions((t, date, region) -> {
            SessionKeyGrant grant = issuer.grants.grant(t, date, region, "notes", NOW);
            SessionClaims opened = SignedClaims.open(grant.signedClaims(), issuer.claimsKeys.publicKeys());
            return new SessionKeyGrant(SignedClaims.sign(opened, rotated), grant.signingKey());
        }, PublicKeyFile.watch(issuer.publicKeysFile), Clock.fixed(NOW, ZoneOffset.UTC));
        Files.writeString(issuer.publicKeysFile, issuer.claimsKeys.publicKeys().text() + rotated.publicKeys().text());
        Files.setLastModifiedTime(issuer.publicKeysFile, java.nio.file.attribute.FileTime.from(NOW.plusSeconds(5)));

        assertThat(sessions.session(token, "20261123", "us-east-1").claims().accessKeyId()).isEqualTo("ASIAROTATED");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
