package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.CheckpointSchedule;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What an issuer knows survives its restart on the same store: the state replayed or restored from the read model's
 * snapshot, the keys' last uses from their table.
 */
class IssuerRestartTest {

    private Path home;
    private int port;
    private IssuerService issuer;

    @BeforeEach
    void start() throws Exception {
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "issuer-restart-");
        port = FreePorts.next();
        issuer = startIssuer();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    private IssuerService startIssuer() throws Exception {
        return IssuerService.start(settings(), Clock.systemUTC());
    }

    private IssuerSettings settings() {
        return new IssuerSettings("127.0.0.1", port, database(), KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()),
                (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"), Duration.ofSeconds(30),
                true);
    }

    private static DatabaseSettings database() {
        return new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_restart"), "postgres", "postgres", 4);
    }

    private void restart() throws Exception {
        issuer.close();
        issuer = startIssuer();
    }

    private IamClient iam(AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private void use(AccessKey key) {
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
            sts.getCallerIdentity();
        }
    }

    private AccessKeyLastUsed lastUsed(AwsCredentials root, AccessKey key) {
        try (IamClient iam = iam(root)) {
            return iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
        }
    }

    /** Applied after the call's transaction commits: read until it shows. */
    private AccessKeyLastUsed lastUsedAfter(AwsCredentials root, AccessKey key, Instant after) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        AccessKeyLastUsed last = lastUsed(root, key);
        while ((last.lastUsedDate() == null || !last.lastUsedDate().isAfter(after)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            last = lastUsed(root, key);
        }
        return last;
    }

    @Test
    void restartWhenTheReadModelHasASnapshotThenKnowsWhatItHoldsAndFollowsOn() throws Exception {
        IssuerSettings snapshotEveryChange = settings().withReadModelCheckpoints(new CheckpointSchedule(1, Duration.ofHours(1)));
        issuer.close();
        issuer = IssuerService.start(snapshotEveryChange, Clock.systemUTC());
        NewAccount account = issuer.accounts().create("snapshot");
        AwsCredentials root = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        try (IamClient iam = iam(root)) {
            iam.createUser(r -> r.userName("snapshotted"));
            iam.attachUserPolicy(r -> r.userName("snapshotted").policyArn(readOnly));
        }
        awaitSnapshotOfEveryStateChange();

        issuer.close();
        issuer = IssuerService.start(snapshotEveryChange, Clock.systemUTC());

        try (IamClient iam = iam(root)) {
            assertThat(iam.getUser(r -> r.userName("snapshotted")).user().userName()).isEqualTo("snapshotted");
            assertThat(iam.listAttachedUserPolicies(r -> r.userName("snapshotted")).attachedPolicies())
                    .extracting(p -> p.policyArn()).containsExactly(readOnly);
            assertThat(iam.getPolicy(r -> r.policyArn(readOnly)).policy().attachmentCount()).as("counted again").isEqualTo(1);
            iam.createUser(r -> r.userName("after-the-snapshot"));
            assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains("snapshotted", "after-the-snapshot");
        }
    }

    /** Written by the issuer's tail a tick after the last change, on a thread of its own. */
    private static void awaitSnapshotOfEveryStateChange() throws Exception {
        try (EventStoreDatabase store = EventStoreDatabase.open(database(), "issuer-restart-test", "classpath:db/issuer");
             Connection connection = store.dataSource().getConnection();
             PreparedStatement snapshot = connection.prepareStatement("SELECT (SELECT position FROM read_model_checkpoint)"
                     + " >= (SELECT max(global_index) FROM domain_event_entry WHERE payload_type <> ?)")) {
            snapshot.setString(1, ApiCallRecorded.class.getName());
            Instant deadline = Instant.now().plusSeconds(30);
            while (true) {
                try (ResultSet row = snapshot.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return;
                    }
                }
                assertThat(Instant.now()).as("a snapshot of every state change within 30 s").isBefore(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void restartWhenAKeyWasUsedThenItsUserAndLastUseAreKnownAgainAndLaterUsesToo() throws Exception {
        NewAccount account = issuer.accounts().create("restart");
        AwsCredentials root = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
        AccessKey key;
        try (IamClient iam = iam(root)) {
            iam.createUser(r -> r.userName("restarted"));
            key = iam.createAccessKey(r -> r.userName("restarted")).accessKey();
        }
        use(key);
        AccessKeyLastUsed before = lastUsedAfter(root, key, Instant.EPOCH);

        restart();

        assertThat(lastUsed(root, key)).isEqualTo(before);
        try (IamClient iam = iam(root)) {
            assertThat(iam.getUser(r -> r.userName("restarted")).user().userName()).isEqualTo("restarted");
        }
        Thread.sleep(1_100); // last-used dates are given to the second
        use(key);
        AccessKeyLastUsed later = lastUsedAfter(root, key, before.lastUsedDate());
        assertThat(later.lastUsedDate()).isAfter(before.lastUsedDate());

        restart();

        assertThat(lastUsed(root, key)).isEqualTo(later);
    }
}
