package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each new finding to its account's webhook: the finding as JSON, signed (header {@value #SIGNATURE_HEADER}:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the account's webhook secret>}), tried again after
 * {@link #RETRIES} while it fails, and how it went written into the finding ({@code Webhook: {Status, Attempts,
 * LastError, LastAttemptAt}}: Delivered, Retrying, Failed, Dropped) and counted. At most {@link #MAX_PENDING}
 * deliveries wait at once, {@link #MAX_PENDING_PER_ACCOUNT} of one account: beyond, a finding is marked Dropped, so that
 * a webhook that never answers cannot hold memory without bound, nor one account's take every other's place. Each
 * attempt runs on a thread of its own (virtual): a webhook that answers slowly holds up its own deliveries only. A finding made again from the same records is not stored again, and so not delivered again; a receiver
 * should still treat FindingId as the key of what it receives.
 */
public final class WebhookDeliveries implements AutoCloseable {

    static final String SIGNATURE_HEADER = "X-Mayfly-Signature";
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9));
    static final int MAX_PENDING = 1000;
    static final int MAX_PENDING_PER_ACCOUNT = 100;
    private static final int MAX_ERROR_CHARS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final WebhookClient client;
    private final FindingStore findings;
    private final Clock clock;
    /** Only waits out the pauses between attempts; the attempts themselves run on virtual threads. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("audit-webhooks-retries").daemon().factory());
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("audit-webhook-", 0).factory());
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, Integer> pendingByAccount = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    WebhookDeliveries(WebhookClient client, FindingStore findings, Clock clock) {
        this.client = client;
        this.findings = findings;
        this.clock = clock;
    }

    public long delivered() {
        return delivered.get();
    }

    /** Deliveries that failed every attempt, since start. */
    public long failed() {
        return failed.get();
    }

    /** Findings not delivered because too many deliveries were waiting, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Delivers the finding to the webhook, in the background. */
    void deliver(Finding finding, DetectionSettings.Webhook webhook) {
        if (webhook.secret() == null) {
            failed.incrementAndGet();
            attempts.execute(() -> record(finding, "Failed", 0, "The webhook's secret does not open with this audit service's key"
                    + " (was the key-encryption key replaced?): put the settings again with RotateSecret for a new one."));
            return;
        }
        if (!admitted(finding.accountId())) {
            dropped.incrementAndGet();
            attempts.execute(() -> record(finding, "Dropped", 0, "Too many deliveries waiting."));
            return;
        }
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(finding.toJson());
        } catch (IOException e) {
            throw new IllegalStateException("a finding always serializes", e);
        }
        attempts.execute(() -> attempt(finding, webhook, body, 1));
    }

    /** Whether one more delivery of the account may wait, within both bounds; if so, it is counted as waiting. */
    private boolean admitted(String accountId) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return false;
        }
        int ofAccount = pendingByAccount.merge(accountId, 1, Integer::sum);
        if (ofAccount > MAX_PENDING_PER_ACCOUNT) {
            finished(accountId);
            return false;
        }
        return true;
    }

    /** A delivery no longer waits: delivered, failed for good, or not admitted after all. */
    private void finished(String accountId) {
        pending.decrementAndGet();
        pendingByAccount.computeIfPresent(accountId, (account, count) -> count == 1 ? null : count - 1);
    }

    private void attempt(Finding finding, DetectionSettings.Webhook webhook, byte[] body, int attempt) {
        String error;
        try {
            long timestamp = clock.instant().getEpochSecond();
            int status = client.post(webhook.url(), Map.of(SIGNATURE_HEADER, signature(webhook.secret(), timestamp, body),
                    "X-Mayfly-Finding-Id", finding.findingId(), "X-Mayfly-Delivery-Attempt", Integer.toString(attempt)), body);
            if (status >= 200 && status < 300) {
                finished(finding.accountId());
                delivered.incrementAndGet();
                record(finding, "Delivered", attempt, null);
                return;
            }
            error = "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (attempt <= RETRIES.size()) {
            record(finding, "Retrying", attempt, error);
            scheduler.schedule(() -> attempts.execute(() -> attempt(finding, webhook, body, attempt + 1)),
                    RETRIES.get(attempt - 1).toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        finished(finding.accountId());
        failed.incrementAndGet();
        record(finding, "Failed", attempt, error);
    }

    /** The signature a receiver recomputes: HMAC-SHA256 under the secret of the timestamp, a dot and the body. */
    static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private void record(Finding finding, String status, int attempts, String error) {
        ObjectNode delivery = Json.mapper().createObjectNode().put("Status", status).put("Attempts", attempts)
                .put("LastAttemptAt", clock.instant().toString());
        if (error != null) {
            delivery.put("LastError", error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error);
        }
        try {
            findings.webhook(finding.findingId(), delivery);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the webhook status of finding {} was not stored: {}", finding.findingId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        attempts.shutdownNow();
    }
}
