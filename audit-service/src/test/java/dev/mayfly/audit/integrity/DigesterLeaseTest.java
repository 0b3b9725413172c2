package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two audit processes contending for the digester lease on the shared Elasticsearch node (a lease name of their own per
 * test), each with its own connection, as two processes have: one holds it at a time, a clean close hands it over at
 * the next check, and a holder cut off from Elasticsearch stops holding it before the other takes it over.
 */
class DigesterLeaseTest {

    /** Short, so that the test is (a check every 500 ms), yet long enough for a machine under load to renew in time. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private final String name = "lease-test-" + UUID.randomUUID();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private AuditElasticsearch connection() throws Exception {
        AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(
                SharedInfrastructure.elasticsearch().httpUrl()));
        opened.add(elasticsearch);
        return elasticsearch;
    }

    private DigesterLease lease(AuditElasticsearch elasticsearch) throws Exception {
        DigesterLease lease = DigesterLease.start(elasticsearch.client(), name, LEASE, 0);
        opened.add(lease);
        return lease;
    }

    /** Milliseconds until the condition held. */
    private static long await(Duration within, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > within.toNanos()) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void heldTermWhenTwoContendThenOneHoldsAtATimeAndACleanCloseHandsOverAtTheNextCheck() throws Exception {
        DigesterLease first = lease(connection());
        await(Duration.ofSeconds(10), () -> first.heldTerm() != 0);
        DigesterLease second = lease(connection());
        long until = System.nanoTime() + LEASE.multipliedBy(3).toNanos();
        while (System.nanoTime() < until) {
            assertThat(second.heldTerm()).as("the holder renews: the other stands by").isZero();
            assertThat(first.heldTerm()).isNotZero();
            Thread.sleep(20);
        }
        long firstTerm = first.heldTerm();

        first.close();
        long handover = await(Duration.ofSeconds(5), () -> second.heldTerm() != 0);

        assertThat(handover).as("taken at the standby's next check, not after the lease's duration").isLessThan(LEASE.toMillis());
        assertThat(second.heldTerm()).isGreaterThan(firstTerm);
        assertThat(first.heldTerm()).isZero();
    }

    @Test
    void heldTermWhenTheHolderIsCutOffThenItStopsHoldingBeforeTheOtherTakesOver() throws Exception {
        AuditElasticsearch cutOff = connection();
        DigesterLease first = lease(cutOff);
        await(Duration.ofSeconds(10), () -> first.heldTerm() != 0);
        DigesterLease second = lease(connection());
        Thread.sleep(LEASE.toMillis() / 2);

        cutOff.close();   // the holder's network to Elasticsearch is gone: it can no longer renew
        long cut = System.nanoTime();
        await(Duration.ofSeconds(10), () -> first.heldTerm() == 0);
        long stopped = System.nanoTime();
        assertThat(second.heldTerm()).as("nobody holds the lease for a moment: never two").isZero();
        await(Duration.ofSeconds(10), () -> second.heldTerm() != 0);
        long taken = System.nanoTime();

        assertThat(taken - stopped).isPositive();
        assertThat(Duration.ofNanos(taken - cut)).as("the lease's duration and two checks, at most")
                .isLessThan(LEASE.plus(LEASE.dividedBy(3)).plusSeconds(1));
        assertThat(first.reachable()).isFalse();
        assertThat(first.heldTerm()).isZero();
    }
}
