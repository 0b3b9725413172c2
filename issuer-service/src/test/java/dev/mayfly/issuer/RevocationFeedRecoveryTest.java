package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationFeedState;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.EmbeddedKafka;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.signing.PublishedKeyRing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The issuer's revocation index against Kafka's failures. Fail closed: an issuer whose revocation feed cannot reach Kafka for longer than its bound refuses session credentials
 * (a rule added meanwhile could be missing) and issues no new session (a quarantine added meanwhile could be missing),
 * says so on /healthz, and recovers by itself once Kafka is back. Long-term keys keep working throughout for calls
 * other than issuing sessions. Restarted, an issuer rebuilds its index from the topic before it answers; restarted on a
 * re-created topic, it remembers the feed's epoch and does not trust the empty feed. Each test
 * runs its own broker and issuer, so that stopping them disturbs no other test.
 */
class RevocationFeedRecoveryTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void sessionsWhenFeedCannotReachKafkaThenRefusedAndHealthUnhealthyUntilKafkaIsBack() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stale-");
        int kafkaPort = FreePorts.next();
        EmbeddedKafka broker = EmbeddedKafka.start(home.resolve("kafka"), kafkaPort);
        IssuerService issuer = IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_stale"), "postgres", "postgres", 4),
                KafkaCluster.plaintext(broker.bootstrapServers()), (short) 1, 1, home.resolve("token.keys"), home.resolve("vault.keys"),
                home.resolve("admin-token"), Duration.ofSeconds(3), true), Clock.systemUTC());
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + issuer.port());
            var account = issuer.accounts().create("stale");
            AwsCredentials root = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
            var session = sts(endpoint, root).getSessionToken().credentials();
            AwsCredentials sessionCredentials = AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                    session.sessionToken());
            assertThat(health(endpoint)).isEqualTo(200);

            broker.close();
            eventually(() -> health(endpoint) == 503);
            assertThat(errorCode(() -> sts(endpoint, sessionCredentials).getCallerIdentity())).isEqualTo("ServiceUnavailable");
            assertThat(sts(endpoint, root).getCallerIdentity().account()).as("long-term keys need no rules").isEqualTo(account.accountId());
            assertThat(errorCode(() -> sts(endpoint, root).getSessionToken())).as("no new session while a quarantine could be missing")
                    .isEqualTo("ServiceUnavailable");

            broker = EmbeddedKafka.start(home.resolve("kafka"), kafkaPort);
            eventually(() -> health(endpoint) == 200);
            assertThat(sts(endpoint, sessionCredentials).getCallerIdentity().arn()).endsWith(":root");
            assertThat(sts(endpoint, root).getSessionToken().credentials().sessionToken()).isNotEmpty();
        } finally {
            issuer.close();
            broker.close();
        }
    }

    @Test
    void revocationIndexWhenIssuerRestartsThenRebuiltFromTheTopicAndTheRuleStillHolds() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-");
        EmbeddedKafka broker = EmbeddedKafka.start(home.resolve("kafka"), FreePorts.next());
        IssuerSettings settings = new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_restart"), "postgres", "postgres", 4),
                KafkaCluster.plaintext(broker.bootstrapServers()), (short) 1, 1, home.resolve("token.keys"), home.resolve("vault.keys"),
                home.resolve("admin-token"), Duration.ofSeconds(30), true);
        IssuerService issuer = IssuerService.start(settings, Clock.systemUTC());
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + issuer.port());
            var account = issuer.accounts().create("restart");
            AwsCredentials root = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
            var session = sts(endpoint, root).getSessionToken().credentials();
            AwsCredentials sessionCredentials = AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                    session.sessionToken());
            Instant now = Instant.now();
            RevocationRule rule = new RevocationRule("rr-restart", account.accountId(), RevocationRule.Scope.ACCOUNT, account.accountId(),
                    now, now, "arn:aws:iam::" + account.accountId() + ":root", "drill", now.plusSeconds(129_600), RevocationRule.Kind.REVOKE);
            // signed as the revocation service signs, with a ring whose public half the issuer finds beside its own keys
            RecordSigner revocationService = new RecordSigner(new PublishedKeyRing(home.resolve("revocation-signing.keys"),
                    settings.revocationPublicKeysFile()).loadOrCreate(now), Clock.systemUTC());
            try (var producer = KafkaProducers.reliable(KafkaCluster.plaintext(broker.bootstrapServers()), "restart-test")) {
                producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, rule.ruleId(),
                        Json.mapper().writeValueAsBytes(rule)))).get();
            }
            eventually(() -> errorCode(() -> sts(endpoint, sessionCredentials).getCallerIdentity()).equals("AccessDenied"));

            issuer.close();
            issuer = IssuerService.start(settings, Clock.systemUTC());
            URI restarted = URI.create("http://127.0.0.1:" + issuer.port());
            assertThat(errorCode(() -> sts(restarted, sessionCredentials).getCallerIdentity()))
                    .as("the rule is back in the index before the issuer answers").isEqualTo("AccessDenied");
            assertThat(sts(restarted, root).getCallerIdentity().account()).isEqualTo(account.accountId());
        } finally {
            issuer.close();
            broker.close();
        }
    }

    @Test
    void revocationFeedWhenIssuerRestartsOnARecreatedTopicThenNotFreshUntilTheRevocationServicePublishesAgain() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "recreated-");
        EmbeddedKafka broker = EmbeddedKafka.start(home.resolve("kafka"), FreePorts.next());
        KafkaCluster kafka = KafkaCluster.plaintext(broker.bootstrapServers());
        IssuerSettings settings = new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_recreated"), "postgres", "postgres", 4),
                kafka, (short) 1, 1, home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"),
                Duration.ofSeconds(30), true);
        IssuerService issuer = IssuerService.start(settings, Clock.systemUTC());
        RecordSigner revocationService = new RecordSigner(new PublishedKeyRing(home.resolve("revocation-signing.keys"),
                settings.revocationPublicKeysFile()).loadOrCreate(Instant.now()), Clock.systemUTC());
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + issuer.port());
            var account = issuer.accounts().create("recreated");
            var session = sts(endpoint, AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()))
                    .getSessionToken().credentials();
            AwsCredentials sessionCredentials = AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                    session.sessionToken());
            publishState(kafka, revocationService, new RevocationFeedState(10, 0));
            eventually(() -> remembered(settings).equals("10"));

            issuer.close();
            try (Admin admin = kafka.admin(Map.of())) {
                admin.deleteTopics(List.of(Topics.REVOCATIONS)).all().get(30, TimeUnit.SECONDS);
                eventually(() -> !topics(admin).contains(Topics.REVOCATIONS));
            }
            issuer = IssuerService.start(settings, Clock.systemUTC());   // on the topic it creates again, empty
            URI restarted = URI.create("http://127.0.0.1:" + issuer.port());

            assertThat(health(restarted)).as("an empty feed where epoch 10 was read is not trusted").isEqualTo(503);
            assertThat(errorCode(() -> sts(restarted, sessionCredentials).getCallerIdentity())).isEqualTo("ServiceUnavailable");
            // the revocation service, restarted, publishes its rules and its state again
            publishState(kafka, revocationService, new RevocationFeedState(10, 0));
            eventually(() -> health(restarted) == 200);
            assertThat(sts(restarted, sessionCredentials).getCallerIdentity().arn()).endsWith(":root");
        } finally {
            issuer.close();
            broker.close();
        }
    }

    private static void publishState(KafkaCluster kafka, RecordSigner revocationService, RevocationFeedState state) throws Exception {
        try (var producer = KafkaProducers.reliable(kafka, "recreated-test")) {
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, RevocationFeedState.KEY,
                    Json.mapper().writeValueAsBytes(state)))).get();
        }
    }

    private static String remembered(IssuerSettings settings) {
        try {
            return Files.exists(settings.revocationEpochFile()) ? Files.readString(settings.revocationEpochFile()) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static StsClient sts(URI endpoint, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static int health(URI endpoint) {
        try {
            return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/healthz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
            return "none";
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(200);
        }
    }
}
