package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Findings on the shared Elasticsearch node: stored once however often made, seen by their own account only, and kept no
 * longer than the trail.
 */
class FindingStoreTest {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final String other = String.format("%012d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));
    private AuditElasticsearch elasticsearch;
    private FindingStore store;

    @BeforeEach
    void open() throws IOException {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        store = new FindingStore(elasticsearch.client()).install(0);
    }

    @AfterEach
    void close() throws IOException {
        elasticsearch.close();
    }

    private Finding finding(String accountId, String eventId, String summary) {
        return finding(accountId, eventId, summary, Instant.now());
    }

    private Finding finding(String accountId, String eventId, String summary, Instant eventTime) {
        return new Finding(Finding.idOf(Detection.ROOT_USAGE, accountId, eventId), accountId, Detection.ROOT_USAGE, eventTime,
                Instant.now(), "arn:aws:iam::" + accountId + ":root", "127.0.0.1", summary, List.of(eventId),
                Finding.ResponseRequest.none());
    }

    @Test
    void storeWhenTheSameRecordsMakeTheFindingAgainThenStoredOnceAsFirstMade() throws IOException {
        Finding first = finding(account, "e-1", "first");
        Finding again = finding(account, "e-1", "again");

        store.store(List.of(first));
        store.store(List.of(again, finding(account, "e-2", "second")));
        store.refresh();

        assertThat(again.findingId()).isEqualTo(first.findingId());
        assertThat(store.list(account, null, null, null, 100, null).findings()).hasSize(2);
        assertThat(store.get(account, first.findingId()).orElseThrow().path("Summary").asText()).isEqualTo("first");
    }

    @Test
    void getAndListWhenAnotherAccountAsksThenNothing() throws IOException {
        Finding mine = finding(account, "e-3", "mine");
        store.store(List.of(mine));
        store.refresh();

        assertThat(store.get(other, mine.findingId())).isEmpty();
        assertThat(store.list(other, null, null, null, 100, null).findings()).isEmpty();
        assertThat(store.list(account, "FailedAssumeRoleBursts", null, null, 100, null).findings()).isEmpty();
        assertThat(store.list(account, "RootUsage", null, null, 100, null).findings()).hasSize(1);
    }

    @Test
    void deleteExpiredWhenAFindingsCallIsOlderThanTheTrailKeepsThenOnlyThatFindingGoes() throws IOException {
        Instant now = Instant.now();
        Finding old = finding(account, "e-old", "old", now.minus(Duration.ofDays(91)));
        Finding recent = finding(account, "e-recent", "recent", now.minus(Duration.ofDays(89)));
        store.store(List.of(old, recent));
        store.refresh();

        store.deleteExpired(now, Duration.ofDays(90));
        store.refresh();

        assertThat(store.get(account, old.findingId())).isEmpty();
        assertThat(store.get(account, recent.findingId())).isPresent();
    }

    @Test
    void findingIdWhenAnotherAccountOrDetectionThenAnotherId() {
        assertThat(Finding.idOf(Detection.ROOT_USAGE, account, "e")).isNotEqualTo(Finding.idOf(Detection.ROOT_USAGE, other, "e"))
                .isNotEqualTo(Finding.idOf(Detection.CROSS_ACCOUNT_ASSUMPTIONS, account, "e"));
    }
}
