package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.embedded.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention on a real node: whole indices past the horizon are deleted, younger ones and foreign ones kept. */
class RetentionTest {

    @Test
    void deleteExpiredWhenIndicesOlderThanRetentionThenOnlyThoseDeleted() throws Exception {
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()))) {
            AuditIndices daily = new AuditIndices(elasticsearch.client(), Period.DAY);
            daily.installTemplate();
            Instant now = Instant.now();
            String old = daily.indexFor(now.minus(Duration.ofDays(91)));
            String edge = daily.indexFor(now.minus(Duration.ofDays(89)));
            String monthly = new AuditIndices(elasticsearch.client(), Period.MONTH).indexFor(now.minus(Duration.ofDays(200)));

            List<String> deleted = daily.deleteExpired(now, Duration.ofDays(90));

            assertThat(deleted).contains(old, monthly).doesNotContain(edge);
            assertThat(elasticsearch.client().indices().exists(e -> e.index(old)).value()).isFalse();
            assertThat(elasticsearch.client().indices().exists(e -> e.index(edge)).value()).isTrue();
            elasticsearch.client().indices().delete(d -> d.index(edge));
        }
    }
}
