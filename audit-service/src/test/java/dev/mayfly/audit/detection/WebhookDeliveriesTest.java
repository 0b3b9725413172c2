package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.runtime.net.AddressPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries are shared by every account: one account's webhook that never answers must neither delay another
 * account's deliveries nor take their places.
 */
class WebhookDeliveriesTest {

    private final CountDownLatch released = new CountDownLatch(1);
    private AuditElasticsearch elasticsearch;
    private FindingStore store;
    private HttpServer server;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void open() throws Exception {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        store = new FindingStore(elasticsearch.client()).install(0);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hangs", exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/answers", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        deliveries = new WebhookDeliveries(new WebhookClient(AddressPolicy.allowingPrivate(), Duration.ofSeconds(30),
                SSLContext.getDefault()), store, Clock.systemUTC());
    }

    @AfterEach
    void close() throws IOException {
        released.countDown();
        deliveries.close();
        server.stop(0);
        elasticsearch.close();
    }

    private static String newAccount() {
        return String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }

    private static Finding finding(String accountId) {
        String eventId = UUID.randomUUID().toString();
        return new Finding(Finding.idOf(Detection.ROOT_USAGE, accountId, eventId), accountId, Detection.ROOT_USAGE, Instant.now(),
                Instant.now(), "arn:aws:iam::" + accountId + ":root", "127.0.0.1", "root used", List.of(eventId),
                Finding.ResponseRequest.none());
    }

    private DetectionSettings.Webhook webhook(String path) {
        return new DetectionSettings.Webhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), "s3cret");
    }

    private String status(Finding finding) throws IOException {
        store.refresh(); // a finding is read through a search
        return store.get(finding.accountId(), finding.findingId()).orElseThrow().path("Webhook").path("Status").asText();
    }

    @Test
    void deliverWhenAnotherAccountsWebhookHangsThenThisOneIsDeliveredAtOnceAndTheHangingAccountAloneIsDropped() throws Exception {
        String hanging = newAccount();
        List<Finding> theirs = new ArrayList<>();
        for (int i = 0; i < WebhookDeliveries.MAX_PENDING_PER_ACCOUNT + 5; i++) {
            theirs.add(finding(hanging));
        }
        Finding mine = finding(newAccount());
        store.store(theirs);
        store.store(List.of(mine));

        theirs.forEach(finding -> deliveries.deliver(finding, webhook("/hangs")));
        deliveries.deliver(mine, webhook("/answers"));

        Instant deadline = Instant.now().plusSeconds(10);
        while (!"Delivered".equals(status(mine)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(status(mine)).isEqualTo("Delivered");
        assertThat(deliveries.dropped()).isEqualTo(5);
    }

    @Test
    void deliverWhenTheStoredSecretDoesNotOpenThenFailedAtOnceSayingWhyAndNothingSentUnsigned() throws Exception {
        Finding finding = finding(newAccount());
        store.store(List.of(finding));

        deliveries.deliver(finding, new DetectionSettings.Webhook(webhook("/answers").url(), null));

        Instant deadline = Instant.now().plusSeconds(10);
        while (!"Failed".equals(status(finding)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        store.refresh();
        assertThat(store.get(finding.accountId(), finding.findingId()).orElseThrow().path("Webhook").toString()).contains("RotateSecret");
        assertThat(deliveries.failed()).isEqualTo(1);
        assertThat(deliveries.delivered()).isZero();
    }
}
