package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The detections read the same calls twice (a restart before their offsets were committed, here a second consumer group
 * from the beginning): the findings are made again, under the same ids, and stored once.
 */
class DetectionEngineRestartTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));

    @Test
    void engineWhenTheSameCallsAreJudgedAgainThenTheSameFindingsStoredOnce() throws Exception {
        KafkaTopics.ensure(KAFKA, KafkaTopics.mayflyTopics(3, (short) 1));
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "detections-");
        PublishedKeyRing keys = new PublishedKeyRing(home.resolve("feed.keys"), home.resolve("feed.pub"));
        RecordSigner signer = new RecordSigner(keys.loadOrCreate(Instant.now()), Clock.systemUTC());
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(
                SharedInfrastructure.elasticsearch().httpUrl()))) {
            DetectionSettingsStore settings = new DetectionSettingsStore(elasticsearch.client(),
                    WebhookSecrets.open(KeyEncryptionKeySource.defaultFile(home.resolve("none.key")), home.resolve("webhook-secrets.keys")), Clock.systemUTC()).install(0);
            FindingStore findings = new FindingStore(elasticsearch.client()).install(0);
            settings.put(DetectionSettings.from(account, Json.mapper().readTree("""
                    {"Detections":[{"Name":"RootUsage"},{"Name":"FailedAssumeRoleBursts","Threshold":3,"Response":"Quarantine"}]}"""),
                    Instant.now().minusSeconds(60), DetectionSettings.none(account), AddressPolicy.publicOnly()));
            try (ApiCallSender sender = new ApiCallSender(KAFKA, "detections-restart-test", signer)) {
                sender.send(call("Root", "arn:aws:iam::" + account + ":root", "ListUsers", null));
                for (int i = 0; i < 3; i++) {
                    sender.send(call("IAMUser", "arn:aws:iam::" + account + ":user/mallory", "AssumeRole", "AccessDenied"));
                }
            }
            String group = "detections-restart-" + UUID.randomUUID();

            DetectionEngine first = engine(group, keys, signer, settings, findings, elasticsearch);
            Await.until(() -> first.found() >= 2);
            first.close();
            DetectionEngine again = engine(group + "-again", keys, signer, settings, findings, elasticsearch);
            Await.until(() -> again.found() >= 2);
            again.close();
            findings.refresh();

            List<com.fasterxml.jackson.databind.node.ObjectNode> stored = findings.list(account, null, null, null, 100, null).findings();
            assertThat(stored).hasSize(2);
            assertThat(stored).extracting(f -> f.path("Detection").asText()).containsExactlyInAnyOrder("RootUsage", "FailedAssumeRoleBursts");
            assertThat(stored).filteredOn(f -> f.path("Detection").asText().equals("FailedAssumeRoleBursts")).singleElement()
                    .satisfies(f -> assertThat(f.path("EventIds")).hasSize(3));
        }
    }

    private DetectionEngine engine(String group, PublishedKeyRing keys, RecordSigner responses, DetectionSettingsStore settings,
                                   FindingStore findings, AuditElasticsearch elasticsearch) {
        return DetectionEngine.start(KAFKA, group, new ApiCalls(new RecordVerifier(List.of(PublicKeyFile.watch(keys.publicFile())),
                        new RefusedRecords())), settings, findings, DetectionEngine.responses(KAFKA, responses),
                DetectionEngine.webhooks(AddressPolicy.publicOnly(), Duration.ofSeconds(1), findings, Clock.systemUTC()),
                DetectionEngine.priorAssumptions(elasticsearch.client()), Clock.systemUTC());
    }

    private ApiCallRecorded call(String type, String arn, String eventName, String errorCode) {
        return new ApiCallRecorded(UUID.randomUUID().toString(), Instant.now(), "sts.amazonaws.com", eventName, "us-east-1", "127.0.0.1",
                "test", UUID.randomUUID().toString(), new UserIdentity(type, "AIDA" + account, arn, account, null, null, null),
                Map.of(), null, errorCode, errorCode == null ? null : "denied", List.of(), false, account);
    }
}
