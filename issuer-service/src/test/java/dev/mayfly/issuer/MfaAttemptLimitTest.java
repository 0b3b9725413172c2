package dev.mayfly.issuer;

import static dev.mayfly.issuer.MfaTest.errorCode;
import static dev.mayfly.issuer.MfaTest.mfaUser;
import static dev.mayfly.issuer.MfaTest.wrongCodeNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.MfaTest.MfaUser;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.issuer.credentials.Totp;
import dev.mayfly.kafka.KafkaCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.auth.scheme.IamAuthSchemeProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.scheme.StsAuthSchemeProvider;

/**
 * The limit on MFA code attempts over time, through the AWS SDK, on issuers of this test's own whose clock it moves
 * ahead instead of waiting: the lock runs out, a right code starts the count again, and a lock set through one issuer
 * holds on another that has not heard of it. The SDK signs with the same clock, since SigV4 refuses a request signed
 * more than 15 minutes away from the issuer's time.
 */
class MfaAttemptLimitTest {

    private static final MovingClock CLOCK = new MovingClock();
    private static Path home;
    private static IssuerService issuer;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "mfa-limit-");
        issuer = startIssuer();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    /** Another issuer on the same event store, keys and clock. */
    private static IssuerService startIssuer() throws Exception {
        // revocation fail mode open: the moved clock runs ahead of the revocation feed, which would look stale
        return IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_mfa_limit"), "postgres", "postgres", 4),
                KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"),
                home.resolve("admin-token"), IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, false), CLOCK);
    }

    @Test
    void getSessionTokenWhenLockedThroughOneIssuerThenRightCodeRefusedOnAnotherUntilTheLockRunsOut() throws Exception {
        NewAccount account = issuer.accounts().create("mfa-limit-expiry");
        MfaUser user = mfaUser(iam(issuer, root(account)), "lena", CLOCK);
        // an issuer's read model learns of another's changes when it starts: this one knows the device, not its lock
        try (IssuerService unaware = startIssuer()) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertThat(getSessionToken(issuer, user, wrongCodeNear(user.seed(), Totp.step(CLOCK.instant())))).isEqualTo("AccessDenied");
            }

            assertThat(getSessionToken(unaware, user, user.nextCode())).as("the device's aggregate holds the lock").isEqualTo("AccessDenied");
            assertThat(getSessionToken(issuer, user, user.nextCode())).isEqualTo("AccessDenied");
            CLOCK.advance(Duration.ofMinutes(14));
            assertThat(getSessionToken(unaware, user, rightCodeNow(user))).isEqualTo("AccessDenied");

            CLOCK.advance(Duration.ofMinutes(1));
            assertThat(getSessionToken(unaware, user, rightCodeNow(user))).isEqualTo("OK");
            assertThat(getSessionToken(issuer, user, rightCodeHalfAMinuteLater(user))).isEqualTo("OK");
        }
    }

    @Test
    void getSessionTokenWhenRightCodeAfterFourWrongOnesThenTheCountStartsAgain() {
        NewAccount account = issuer.accounts().create("mfa-limit-reset");
        MfaUser user = mfaUser(iam(issuer, root(account)), "rita", CLOCK);
        for (int round = 1; round <= 2; round++) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                assertThat(getSessionToken(issuer, user, wrongCodeNear(user.seed(), Totp.step(CLOCK.instant())))).isEqualTo("AccessDenied");
            }
            assertThat(getSessionToken(issuer, user, rightCodeHalfAMinuteLater(user))).as("round " + round).isEqualTo("OK");
        }

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(getSessionToken(issuer, user, wrongCodeNear(user.seed(), Totp.step(CLOCK.instant())))).isEqualTo("AccessDenied");
        }
        assertThat(getSessionToken(issuer, user, rightCodeHalfAMinuteLater(user))).as("five in a row lock").isEqualTo("AccessDenied");
    }

    /** "OK" when GetSessionToken with this code issued a session, else the error code. */
    private static String getSessionToken(IssuerService at, MfaUser user, String code) {
        Throwable refused = catchThrowable(() -> sts(at, user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber())
                .tokenCode(code)));
        return refused == null ? "OK" : errorCode(refused);
    }

    /** The device's code of now: newer than any it accepted as long as the clock has moved on since. */
    private static String rightCodeNow(MfaUser user) {
        return Totp.code(user.seed(), Totp.step(CLOCK.instant()));
    }

    /** A device accepts each step once: half a minute on, its code of now is newer than the last one accepted. */
    private static String rightCodeHalfAMinuteLater(MfaUser user) {
        CLOCK.advance(Duration.ofSeconds(30));
        return rightCodeNow(user);
    }

    private static AwsCredentials root(NewAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    private static URI endpoint(IssuerService at) {
        return URI.create("http://127.0.0.1:" + at.port());
    }

    private static StsClient sts(IssuerService at, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint(at)).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .authSchemeProvider(params -> signedByTheMovingClock(StsAuthSchemeProvider.defaultProvider().resolveAuthScheme(params)))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(IssuerService at, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint(at)).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .authSchemeProvider(params -> signedByTheMovingClock(IamAuthSchemeProvider.defaultProvider().resolveAuthScheme(params)))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static List<AuthSchemeOption> signedByTheMovingClock(List<AuthSchemeOption> options) {
        return options.stream().map(option -> option.toBuilder().putSignerProperty(HttpSigner.SIGNING_CLOCK, CLOCK).build()).toList();
    }

    /** The system's time, plus however far the test has moved it ahead. */
    private static final class MovingClock extends Clock {

        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
