package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.indices.IndexSettings;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.AuditIndices.Shards;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.runtime.Settings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shards and replicas of the audit indices, as the operator sets them, read back from a real node. The shared node's
 * template is put back as the other tests expect it (a single node's: one shard, no replica) before each test ends.
 */
class AuditIndicesShardsTest {

    /** A day no other test writes to, so that its index is this test's alone. */
    private static final Instant LONG_AGO = Instant.parse("1999-01-01T12:00:00Z");

    @Test
    void installTemplateWhenShardsAndReplicasAreSetThenTheIndicesCreatedAfterHaveThem() throws Exception {
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(
                ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()))) {
            AuditIndices indices = new AuditIndices(elasticsearch.client(), Period.DAY, new Shards(2, 1));
            String index = null;
            try {
                indices.installTemplate();
                index = indices.indexFor(LONG_AGO);

                String created = index;
                IndexSettings settings = elasticsearch.client().indices().getSettings(g -> g.index(created)).get(created).settings().index();
                assertThat(settings.numberOfShards()).isEqualTo("2");
                assertThat(settings.numberOfReplicas()).isEqualTo("1");
            } finally {
                new AuditIndices(elasticsearch.client(), Period.DAY).installTemplate();
                if (index != null) {
                    String created = index;
                    elasticsearch.client().indices().delete(d -> d.index(created));
                }
            }
        }
    }

    @Test
    void fromWhenNothingIsSetThenOneShardAndNoReplicaAndWhenSetThenThose() {
        assertThat(AuditSettings.from(Settings.of(Map.of())).storage().shards()).isEqualTo(Shards.SINGLE_NODE);
        assertThat(AuditSettings.from(Settings.of(Map.of("MAYFLY_AUDIT_INDEX_SHARDS", "3", "MAYFLY_AUDIT_INDEX_REPLICAS", "2")))
                .storage().shards()).isEqualTo(new Shards(3, 2));
    }

    @Test
    void shardsWhenNoPrimaryOrNegativeReplicasThenRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new Shards(0, 0)).hasMessageContaining("MAYFLY_AUDIT_INDEX_SHARDS");
        assertThatThrownBy(() -> new Shards(1, -1)).hasMessageContaining("MAYFLY_AUDIT_INDEX_REPLICAS");
    }
}
