package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.runtime.net.AddressPolicy;
import dev.mayfly.issuer.webidentity.FetchLimits;
import dev.mayfly.issuer.webidentity.Jwt;
import dev.mayfly.issuer.webidentity.SigningKeys;
import dev.mayfly.issuer.webidentity.TokenVerifier;
import dev.mayfly.issuer.webidentity.WebIdentityException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching an OpenID Connect provider's keys cannot be turned against the platform, nor make it fall over with the
 * provider: each test runs a real HTTPS provider on 127.0.0.1 (so the address policy allows private addresses, but
 * where it is the point) that misbehaves in one way.
 */
class SigningKeysFetchTest {

    private static final String IDP_COMMUNICATION_MESSAGE = "Couldn't retrieve verification key from your identity provider, please"
            + " reference AssumeRoleWithWebIdentity documentation for requirements";

    private TestIdentityProvider idp;
    private final MovableClock clock = new MovableClock(Instant.now());

    @BeforeEach
    void identityProvider() throws Exception {
        idp = new TestIdentityProvider();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    /** A clock the test moves forward: hours pass without waiting for them. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private SigningKeys keys(FetchLimits limits) {
        return new SigningKeys(clock, AddressPolicy.allowingPrivate(), limits);
    }

    private PublicKey newestKey(SigningKeys keys) {
        return keys.key(idp.url(), List.of(idp.thumbprint()), "k1");
    }

    private static void assertIdpCommunicationError(Throwable e) {
        assertThat(e).isInstanceOf(WebIdentityException.class).hasMessage(IDP_COMMUNICATION_MESSAGE);
        WebIdentityException error = (WebIdentityException) e;
        assertThat(error.code()).isEqualTo("IDPCommunicationError");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void keyWhenProviderOnLoopbackAndPrivateAddressesNotAllowedThenRefusedWithoutAnyRequest() {
        SigningKeys keys = new SigningKeys(clock, AddressPolicy.publicOnly());

        assertThatThrownBy(() -> newestKey(keys)).satisfies(SigningKeysFetchTest::assertIdpCommunicationError)
                .hasMessageNotContaining("127.0.0.1");
        assertThat(idp.requests()).isZero();
    }

    @Test
    void keyWhenJwksNeverEndsThenRefusedWithoutReadingItAll() throws Exception {
        long endless = 100L * 1024 * 1024;
        AtomicLong served = new AtomicLong();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        idp.jwksAnswer(exchange -> {
            try {
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                body.write("{\"keys\":[".getBytes(StandardCharsets.US_ASCII));
                byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                while (served.get() < endless) {
                    body.write(spaces);
                    served.addAndGet(spaces.length);
                }
            } finally {
                answered.complete(null);
                exchange.close();
            }
        });

        assertThatThrownBy(() -> newestKey(keys(FetchLimits.DEFAULT))).satisfies(SigningKeysFetchTest::assertIdpCommunicationError);
        answered.get(60, TimeUnit.SECONDS);
        assertThat(served.get()).as("bytes the provider could send before the issuer hung up").isLessThan(16L * 1024 * 1024);
    }

    @Test
    void keyWhenProviderTricklesItsKeysThenTheDeadlineEndsTheFetch() {
        idp.jwksAnswer(exchange -> {
            byte[] jwks = idp.jwksDocument().getBytes(StandardCharsets.US_ASCII);
            try (exchange) {
                exchange.sendResponseHeaders(200, jwks.length);
                for (byte b : jwks) {
                    exchange.getResponseBody().write(b);
                    exchange.getResponseBody().flush();
                    Thread.sleep(30);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThatThrownBy(() -> newestKey(keys(new FetchLimits(Duration.ofSeconds(1), 256 * 1024))))
                .satisfies(SigningKeysFetchTest::assertIdpCommunicationError);
    }

    @Test
    void keyWhenJwksRedirectsToAnotherHostThenNotFollowed() throws Exception {
        try (TestIdentityProvider elsewhere = new TestIdentityProvider()) {
            String target = elsewhere.url().replace("127.0.0.1", "localhost") + "/jwks";
            idp.jwksAnswer(exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Location", target);
                    exchange.sendResponseHeaders(302, -1);
                }
            });

            assertThatThrownBy(() -> newestKey(keys(FetchLimits.DEFAULT))).satisfies(SigningKeysFetchTest::assertIdpCommunicationError);
            assertThat(elsewhere.requests()).isZero();
        }
    }

    @Test
    void keyWhenCertificateNamesAnotherHostThenRefusedThoughItsThumbprintIsTrusted() throws Exception {
        try (TestIdentityProvider impostor = TestIdentityProvider.certifiedOnlyFor("idp.example.com")) {
            SigningKeys keys = keys(FetchLimits.DEFAULT);

            assertThatThrownBy(() -> keys.key(impostor.url(), List.of(impostor.thumbprint()), "k1"))
                    .satisfies(SigningKeysFetchTest::assertIdpCommunicationError);
            assertThat(impostor.requests()).isZero();
        }
    }

    @Test
    void keyWhenManyCallersAtOnceThenOneFetchTheyAllShare() throws Exception {
        idp.jwksAnswer(exchange -> {
            try {
                Thread.sleep(300); // a provider slow enough that every caller asks while the first fetch runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            idp.answerJwks(exchange);
        });
        SigningKeys keys = keys(FetchLimits.DEFAULT);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublicKey>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<PublicKey> caller = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    caller.complete(newestKey(keys));
                } catch (Throwable e) {
                    caller.completeExceptionally(e);
                }
            });
            callers.add(caller);
        }

        start.countDown();
        List<PublicKey> found = new ArrayList<>();
        for (Future<PublicKey> caller : callers) {
            found.add(caller.get(60, TimeUnit.SECONDS));
        }

        assertThat(found).hasSize(8).allSatisfy(key -> assertThat(key).isEqualTo(found.getFirst()));
        assertThat(idp.jwksFetches()).isEqualTo(1);
        assertThat(idp.requests()).as("one discovery document, one JWKS").isEqualTo(2);
    }

    @Test
    void verifyWhenProviderDownAfterKeysFetchedThenCachedKeysVerifyForUpToADay() throws Exception {
        TokenVerifier verifier = new TokenVerifier(keys(FetchLimits.DEFAULT));
        Map<String, Object> claims = idp.claims("app", "alice");
        claims.put("exp", clock.instant().plus(Duration.ofDays(3)).getEpochSecond());
        Jwt token = Jwt.parse(idp.token(claims));
        verifier.verify(token, idp.url(), List.of(idp.thumbprint()), clock.instant());

        idp.available(false);
        clock.advance(Duration.ofHours(2));
        int requestsBefore = idp.requests();
        verifier.verify(token, idp.url(), List.of(idp.thumbprint()), clock.instant());
        assertThat(idp.requests()).as("the keys, an hour old, were due for a refresh").isGreaterThan(requestsBefore);

        int afterFailedRefresh = idp.requests();
        clock.advance(Duration.ofSeconds(5));
        verifier.verify(token, idp.url(), List.of(idp.thumbprint()), clock.instant());
        assertThat(idp.requests()).as("a failed refresh is not tried again at once").isEqualTo(afterFailedRefresh);

        clock.advance(Duration.ofHours(23));
        assertThatThrownBy(() -> verifier.verify(token, idp.url(), List.of(idp.thumbprint()), clock.instant()))
                .satisfies(SigningKeysFetchTest::assertIdpCommunicationError);

        idp.available(true);
        clock.advance(Duration.ofMinutes(1));
        verifier.verify(token, idp.url(), List.of(idp.thumbprint()), clock.instant());
    }
}
