package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.EmbeddedPostgres;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Two issuers while their PostgreSQL is stopped and started again: the event store's tail stops reading, so once the read
 * model is older than its bound (10 s) an issuer is not ready; a call waits for the database and is answered 200 once its
 * record is stored, or 503 ServiceUnavailable (which SDKs retry), never 500; once the database is back the tail catches
 * up, a change committed through the other issuer is seen, and the issuer is ready again. Alive throughout (/livez never
 * asks a dependency). On a PostgreSQL server of its
 * own (stopping the JVM's shared one would fail other tests), started again on the same port and data directory.
 */
class DatabaseOutageTest {

    /** Beyond the pool's wait for a connection (HikariCP's 30 s) twice over, with room for a busy machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final Pattern READ_MODEL_AGE = Pattern.compile("(?m)^mayfly_read_model_age_seconds(?:\\{[^}]*})? (\\S+)$");
    private final HttpClient http = HttpClient.newHttpClient();
    private Path home;
    private int postgresPort;
    private EmbeddedPostgres postgres;
    private IssuerService issuer;
    private IssuerService otherIssuer;

    @BeforeEach
    void start() throws Exception {
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "database-outage-");
        postgresPort = FreePorts.next();
        postgres = EmbeddedPostgres.start(home.resolve("postgres"), postgresPort);
        issuer = startIssuer();
        otherIssuer = startIssuer();
    }

    @AfterEach
    void stop() throws Exception {
        otherIssuer.close();
        issuer.close();
        postgres.close();
    }

    /** Both on the same database and key files, as a deployment's issuers are. */
    private IssuerService startIssuer() throws Exception {
        return IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(postgres.database("outage_issuer"), "postgres", "postgres", 4),
                KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3, home.resolve("token.keys"),
                home.resolve("vault.keys"), home.resolve("admin-token"), IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true),
                Clock.systemUTC());
    }

    @Test
    void readinessWhenTheDatabaseIsStoppedThenNotReadyAndOnceBackTheTailCatchesUpAndReadyAgain() throws Exception {
        NewAccount account = issuer.accounts().create("outage");
        AwsBasicCredentials root = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
        try (StsClient sts = sts(issuer, root)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo(account.accountId());
        }
        assertThat(readyz(issuer)).isEqualTo(200);

        postgres.close();
        CompletableFuture<Integer> callDuringOutage = CompletableFuture.supplyAsync(() -> statusOfGetCallerIdentity(issuer, root));
        awaitTrue("the issuer not ready once its read model is older than 10 s", () -> readyz(issuer) == 503);
        assertThat(readModelAge(issuer)).isGreaterThanOrEqualTo(10.0);
        assertThat(probe(issuer, "/livez")).as("alive: restarting cannot mend a database away").isEqualTo(200);

        postgres = EmbeddedPostgres.start(home.resolve("postgres"), postgresPort);

        // answered once its record is stored, or refused as retryable while the database was away; never a 500
        assertThat(callDuringOutage.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isIn(200, 503);
        awaitTrue("the issuer ready again", () -> readyz(issuer) == 200);
        try (IamClient other = iam(otherIssuer, root); IamClient iam = iam(issuer, root)) {
            other.createUser(r -> r.userName("after-recovery"));
            awaitTrue("the user created through the other issuer after the outage seen by this one", () -> {
                try {
                    return iam.getUser(r -> r.userName("after-recovery")).user().userName().equals("after-recovery");
                } catch (NoSuchEntityException e) {
                    return false;
                }
            });
        }
        assertThat(readModelAge(issuer)).isLessThan(10.0);
    }

    /** The call's HTTP status, the SDK retrying nothing; it waits for as long as the issuer takes to answer. */
    private static int statusOfGetCallerIdentity(IssuerService issuer, AwsBasicCredentials credentials) {
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint(issuer)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(DEADLINE).build())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            sts.getCallerIdentity();
            return 200;
        } catch (SdkServiceException e) {
            return e.statusCode();
        }
    }

    private int readyz(IssuerService issuer) {
        return probe(issuer, "/readyz");
    }

    private int probe(IssuerService issuer, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(endpoint(issuer) + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private double readModelAge(IssuerService issuer) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher age = READ_MODEL_AGE.matcher(metrics);
        assertThat(age.find()).as("mayfly_read_model_age_seconds in /metrics").isTrue();
        return Double.parseDouble(age.group(1));
    }

    private static URI endpoint(IssuerService issuer) {
        return URI.create("http://127.0.0.1:" + issuer.port());
    }

    private static StsClient sts(IssuerService issuer, AwsBasicCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint(issuer)).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(IssuerService issuer, AwsBasicCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint(issuer)).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
