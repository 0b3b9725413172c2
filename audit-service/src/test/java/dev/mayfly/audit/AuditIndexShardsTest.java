package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.indices.IndexSettings;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.integrity.DigestStore;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.AuditIndices.Shards;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.embedded.EmbeddedElasticsearch;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit service started with an operator's shards and replicas, on a node of its own (whose indices no other test
 * made): the trail's index of the day, the digests and the records set aside each get them as they are created.
 */
class AuditIndexShardsTest {

    @TempDir
    Path home;

    @Test
    void startWhenShardsAndReplicasAreSetThenEveryAuditIndexIsCreatedWithThem() throws Exception {
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
        Path credential = home.resolve("audit.credential");
        PrivateFiles.write(credential, new ServiceCredential("audit", "0".repeat(64)).fileText());
        try (EmbeddedElasticsearch node = EmbeddedElasticsearch.start(home.resolve("es"), FreePorts.next())) {
            ElasticsearchConnection connection = ElasticsearchConnection.unauthenticated(node.httpUrl());
            AuditSettings settings = new AuditSettings("127.0.0.1", FreePorts.next(), kafka, connection, "http://127.0.0.1:1",
                    "shards-" + UUID.randomUUID(), new Storage(Period.DAY, Duration.ofDays(90), new Shards(2, 1)),
                    new Integrity(Duration.ofHours(1), Duration.ofSeconds(1), home.resolve("audit.key")), CallLimits.Limits.DEFAULT,
                    credential);
            String today = AuditIndices.PREFIX + DateTimeFormatter.ofPattern("yyyy.MM.dd").format(LocalDate.now(ZoneOffset.UTC));
            try (AuditService audit = AuditService.start(settings);
                    AuditElasticsearch elasticsearch = AuditElasticsearch.open(connection)) {
                IndexSettings trail = settingsOf(elasticsearch, today);
                assertThat(trail.numberOfShards()).isEqualTo("2");
                assertThat(trail.numberOfReplicas()).isEqualTo("1");
                for (String small : new String[] {DigestStore.INDEX, DeadLetters.INDEX}) {
                    IndexSettings index = settingsOf(elasticsearch, small);
                    assertThat(index.numberOfShards()).as(small + ": small, one shard").isEqualTo("1");
                    assertThat(index.numberOfReplicas()).as(small).isEqualTo("1");
                }
            }
        }
    }

    private static IndexSettings settingsOf(AuditElasticsearch elasticsearch, String index) throws Exception {
        return elasticsearch.client().indices().getSettings(g -> g.index(index)).get(index).settings().index();
    }
}
