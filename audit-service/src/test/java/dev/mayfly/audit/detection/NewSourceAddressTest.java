package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.projection.Delivery;
import dev.mayfly.audit.projection.Delivery.Origin;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.audit.projection.RecordWriter;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.runtime.net.AddressPolicy;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AssumeRoleFromNewSourceIp over signed calls on mayfly.events, with what makes an address known read from the trail in
 * Elasticsearch: a principal that assumes roles from a stream of fresh addresses (an IPv6 /64 holds 2^64) costs the
 * detections one search a batch, not one an address, and an address the trail holds is known to an engine that has just
 * started.
 */
class NewSourceAddressTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private static final int ADDRESSES = 400;

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final String principalArn = "arn:aws:iam::" + account + ":user/roamer";
    private AuditElasticsearch elasticsearch;
    private PublishedKeyRing keys;
    private RecordSigner signer;
    private FindingStore findings;
    private PriorAssumptions prior;
    private DetectionSettingsStore settings;
    private DetectionEngine engine;
    private String earlierIndex;

    @BeforeEach
    void open() throws Exception {
        KafkaTopics.ensure(KAFKA, KafkaTopics.mayflyTopics(3, (short) 1));
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "new-address-");
        keys = new PublishedKeyRing(home.resolve("feed.keys"), home.resolve("feed.pub"));
        signer = new RecordSigner(keys.loadOrCreate(Instant.now()), Clock.systemUTC());
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        DetectionSettingsStore settings = new DetectionSettingsStore(elasticsearch.client(),
                    WebhookSecrets.open(KeyEncryptionKeySource.defaultFile(home.resolve("none.key")), home.resolve("webhook-secrets.keys")), Clock.systemUTC()).install(0);
        findings = new FindingStore(elasticsearch.client()).install(0);
        settings.put(DetectionSettings.from(account, Json.mapper().readTree("""
                {"Detections":[{"Name":"AssumeRoleFromNewSourceIp"}]}"""), Instant.now().minusSeconds(60),
                DetectionSettings.none(account), AddressPolicy.publicOnly()));
        this.settings = settings;
        prior = DetectionEngine.priorAssumptions(elasticsearch.client());
    }

    /**
     * Started once the calls are on the topic, which its group reads from the beginning: the batches are then as large as
     * a poll takes, however fast this machine judges them (started before, a fast one would judge a few calls a batch).
     */
    private void startEngine() {
        engine = DetectionEngine.start(KAFKA, "new-address-" + UUID.randomUUID(),
                new ApiCalls(new RecordVerifier(List.of(PublicKeyFile.watch(keys.publicFile())), new RefusedRecords())), settings, findings,
                DetectionEngine.responses(KAFKA, signer),
                DetectionEngine.webhooks(AddressPolicy.publicOnly(), Duration.ofSeconds(1), findings, Clock.systemUTC()), prior,
                Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (earlierIndex != null) {
            elasticsearch.client().indices().delete(d -> d.index(earlierIndex));
        }
        elasticsearch.close();
    }

    @Test
    void engineWhenAPrincipalAssumesFromManyNewAddressesThenAFindingEachAndOneSearchABatch() throws Exception {
        try (ApiCallSender sender = new ApiCallSender(KAFKA, "new-address-test", signer);
             ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ADDRESSES; i++) {
                String address = "2001:db8::" + Integer.toHexString(i + 1);
                sending.submit(() -> sender.send(assumeRole(address, Instant.now())));
            }
        }
        startEngine();

        Await.until(() -> stored().size() == ADDRESSES);

        assertThat(stored()).allSatisfy(f -> assertThat(f.path("Detection").asText()).isEqualTo("AssumeRoleFromNewSourceIp"));
        assertThat(prior.searches()).as("searches of the trail for %d new addresses", ADDRESSES).isLessThan(ADDRESSES / 10);
    }

    @Test
    void engineWhenTheTrailHoldsAnEarlierAssumptionFromTheAddressThenOnlyTheOtherAddressIsNew() throws Exception {
        Instant earlier = Instant.parse("1992-01-01T00:00:00Z").plus(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 3_000), ChronoUnit.DAYS);
        AuditIndices indices = new AuditIndices(elasticsearch.client(), Period.MONTH);
        indices.installTemplate();
        earlierIndex = indices.indexFor(earlier);
        new RecordWriter(elasticsearch, indices, new DeadLetters(elasticsearch, Clock.systemUTC()).install(), "test")
                .write(List.of(new Delivery(Optional.of(assumeRole("198.51.100.7", earlier)), null, Origin.EVENT_STORE, null)));
        elasticsearch.client().indices().refresh(r -> r.index(earlierIndex));

        try (ApiCallSender sender = new ApiCallSender(KAFKA, "new-address-test", signer)) {
            sender.send(assumeRole("198.51.100.7", Instant.now()));
            sender.send(assumeRole("203.0.113.9", Instant.now()));
        }
        startEngine();

        Await.until(() -> !stored().isEmpty());
        Thread.sleep(1000); // the batch that holds both calls is judged as one: a finding of the known address would be there
        assertThat(stored()).singleElement().satisfies(f -> assertThat(f.path("SourceIp").asText()).isEqualTo("203.0.113.9"));
    }

    private List<ObjectNode> stored() {
        try {
            findings.refresh();
            return findings.list(account, null, null, null, 1000, null).findings();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ApiCallRecorded assumeRole(String sourceIp, Instant at) {
        return new ApiCallRecorded(UUID.randomUUID().toString(), at, "sts.amazonaws.com", "AssumeRole", "us-east-1", sourceIp,
                "test", UUID.randomUUID().toString(), new UserIdentity("IAMUser", "AIDA" + account, principalArn, account, null, null, null),
                Map.of(), null, null, null, List.of(), false, account);
    }
}
