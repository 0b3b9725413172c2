package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.detection.PriorAssumptions.Pair;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.CloudTrailRecord;
import dev.mayfly.audit.projection.Delivery;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.runtime.RetryPause;
import dev.mayfly.runtime.net.AddressPolicy;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads mayfly.events in a consumer group of its own and runs each account's detections over the CloudTrail records of
 * each signed call, as they arrive. A batch's findings are stored, then its responses published, then its offsets
 * committed: a failure (Elasticsearch or Kafka away) reads the batch again after a pause, and the same records make the
 * same findings (ids derived from them), stored once, and the same responses (rule ids derived from the findings), made
 * once. A group new to the topic starts at its beginning, so that no call after an account turned its detections on is
 * missed while the group forms; calls from before the account's settings are never judged ({@link Detector}), and a
 * response is never asked for an old call ({@link Responses#MAX_AGE}).
 *
 * <p>What it remembers between records ({@link AccountWindows}) is in memory: a restart forgets the refusals counted
 * towards a burst, never a finding made.
 */
public final class DetectionEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionEngine.class);
    private static final int RECORDS_A_POLL = 2000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final ApiCalls calls;
    private final DetectionSettingsStore settings;
    private final FindingStore findings;
    private final ResponsePublisher responses;
    private final WebhookDeliveries webhooks;
    private final Detector detector;
    private final PriorAssumptions prior;
    private final AccountWindows windows = new AccountWindows();
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong responsesRequested = new AtomicLong();
    private final AtomicLong unjudged = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean healthy = true;

    private DetectionEngine(KafkaConsumer<String, byte[]> consumer, ApiCalls calls, DetectionSettingsStore settings, FindingStore findings,
                            ResponsePublisher responses, WebhookDeliveries webhooks, Detector detector, PriorAssumptions prior,
                            Clock clock) {
        this.prior = prior;
        this.webhooks = webhooks;
        this.consumer = consumer;
        this.calls = calls;
        this.settings = settings;
        this.findings = findings;
        this.responses = responses;
        this.detector = detector;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("audit-detections").unstarted(this::run);
    }

    /**
     * @param group the detections' consumer group (the audit's with -detections)
     * @param calls what is read of each record: only signed calls are judged
     */
    public static DetectionEngine start(KafkaCluster kafka, String group, ApiCalls calls, DetectionSettingsStore settings,
                                        FindingStore findings, ResponsePublisher responses, WebhookDeliveries webhooks,
                                        PriorAssumptions prior, Clock clock) {
        Map<String, String> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(RECORDS_A_POLL));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(props, new StringDeserializer(), new ByteArrayDeserializer());
        DetectionEngine engine = new DetectionEngine(consumer, calls, settings, findings, responses, webhooks,
                new Detector(new Responses()), prior, clock);
        engine.thread.start();
        return engine;
    }

    /** The publisher of responses, signed with the audit's feed signer. */
    public static ResponsePublisher responses(KafkaCluster kafka, RecordSigner signer) {
        return new ResponsePublisher(KafkaProducers.reliable(kafka, "mayfly-audit-detections"), signer);
    }

    /** The webhook deliveries, each connection to an address the policy allows, within {@code timeout}. */
    public static WebhookDeliveries webhooks(AddressPolicy addresses, Duration timeout, FindingStore findings, Clock clock) {
        try {
            return new WebhookDeliveries(new WebhookClient(addresses, timeout, SSLContext.getDefault()), findings, clock);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("TLS is always available", e);
        }
    }

    /** What tells a new source address from a known one: the account's trail. */
    public static PriorAssumptions priorAssumptions(ElasticsearchClient client) {
        return new PriorAssumptions(client);
    }

    /** Findings made since start (made again after a failed batch counted again). */
    public long found() {
        return found.get();
    }

    public long responsesRequested() {
        return responsesRequested.get();
    }

    /** Records a fault in the detections left unjudged, since start: each one logged. */
    public long unjudged() {
        return unjudged.get();
    }

    /** Accounts whose windows are held in memory. */
    public int accountsTracked() {
        return windows.accounts();
    }

    /** False while findings cannot be stored or responses published. */
    public boolean healthy() {
        return healthy;
    }

    private void run() {
        RetryPause pause = new RetryPause(Duration.ofMillis(200), Duration.ofSeconds(10));
        try {
            consumer.subscribe(List.of(Topics.EVENTS));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    judge(records);
                    consumer.commitSync();
                    healthy = true;
                    pause.reset();
                } catch (IOException | RuntimeException e) {
                    healthy = false;
                    LOG.warn("detections not stored ({}); reading the batch again in {} ms", e.getMessage(), pause.nextMillis());
                    rewind(records);
                    pause.pause();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void judge(ConsumerRecords<String, byte[]> records) throws IOException {
        List<ApiCallRecorded> batch = new ArrayList<>();
        Set<String> accounts = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            calls.from(record).flatMap(Delivery::call).ifPresent(call -> {
                batch.add(call);
                CloudTrailRecord.recipients(call).stream().filter(Objects::nonNull).forEach(accounts::add);
            });
        }
        if (accounts.isEmpty()) {
            return;
        }
        // the settings first: most accounts turn no detection on, and their calls need no CloudTrail record made
        Map<String, DetectionSettings> current = settings.current(accounts);
        List<JudgedRecord> judged = new ArrayList<>();
        for (ApiCallRecorded call : batch) {
            if (CloudTrailRecord.recipients(call).stream().noneMatch(account -> account != null && current.get(account).anyEnabled())) {
                continue;
            }
            List<Map<String, Object>> cloudTrail;
            try {
                cloudTrail = CloudTrailRecord.of(call);
            } catch (RuntimeException e) {
                continue; // the projection sets it aside; nothing to judge
            }
            for (Map<String, Object> record : cloudTrail) {
                if (record.get("recipientAccountId") instanceof String account) {
                    judged.add(new JudgedRecord(account, Json.mapper().valueToTree(record), call.eventTime()));
                }
            }
        }
        if (judged.isEmpty()) {
            return;
        }
        // what the trail holds of every pair the batch asks about, in one search, before any record is judged
        List<Optional<Pair>> questions = judged.stream().map(record -> askedOf(record, current.get(record.account()))).toList();
        PriorAssumptions.Earliest earlier = prior.earliest(questions.stream().flatMap(Optional::stream).collect(Collectors.toSet()));
        Instant now = clock.instant();
        List<Finding> made = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            JudgedRecord record = judged.get(i);
            DetectionSettings of = current.get(record.account());
            if (of.anyEnabled()) {
                try {
                    made.addAll(detector.evaluate(record.record(), record.eventTime(), of, windows.of(record.account()),
                            questions.get(i), earlier, now));
                } catch (RuntimeException e) {
                    // a record no detection can judge is a fault of the detections: it must not stop them for every account
                    unjudged.incrementAndGet();
                    LOG.error("record {} of account {} not judged", record.record().path("eventID").asText(), record.account(), e);
                }
            }
        }
        List<Finding> stored = findings.store(made);
        // every response again (the revocation service makes each once); the webhook only for what is new
        responses.publish(made);
        for (Finding finding : stored) {
            DetectionSettings.Webhook webhook = current.get(finding.accountId()).webhook();
            if (webhook != null) {
                webhooks.deliver(finding, webhook);
            }
        }
        found.addAndGet(made.size());
        responsesRequested.addAndGet(made.stream().filter(f -> f.response().requested()).count());
    }

    private record JudgedRecord(String account, JsonNode record, Instant eventTime) {
    }

    private Optional<Pair> askedOf(JudgedRecord record, DetectionSettings settings) {
        try {
            return detector.question(record.record(), record.eventTime(), settings, windows.of(record.account()));
        } catch (RuntimeException e) {
            return Optional.empty(); // judging the record will meet the same fault, and count it
        }
    }

    /** Back to where the failed batch began, in each of its partitions, so that it is read again. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        responses.close();
        webhooks.close();
    }
}
