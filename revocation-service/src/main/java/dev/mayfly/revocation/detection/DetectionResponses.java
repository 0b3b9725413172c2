package dev.mayfly.revocation.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.DetectionResponse;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.revocation.api.RevocationCommands.CreateRule;
import dev.mayfly.revocation.query.RuleDirectory;
import dev.mayfly.revocation.web.CreateRuleRequest;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.RetryPause;
import dev.mayfly.runtime.audit.CallRecorder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes mayfly.detections and makes the rule each response asks for. A record the audit did not sign is refused (the
 * verifier reports it); a response whose target is not of its own account, or that no tenant could ask for either, is
 * refused and recorded as a refused CreateRule in that account's trail, as is one beyond the rules in force the account may
 * hold. A response is made once: its rule id is derived
 * from the finding, and a rule of that id is never made twice, whether it is still in force or was lifted or ended since
 * (the event store, not the rules in force, says which were made). Offsets are committed once the batch's rules are
 * stored; a failure (the database away) reads the batch again.
 */
public final class DetectionResponses implements AutoCloseable {

    /** Who the trail says made the rule: no user of the account, the detections acting on its settings. */
    public static final String SERVICE_PRINCIPAL = "detections.mayfly";
    /** A response older than this (read after a long outage) is not acted on: the finding stands, the moment has passed. */
    static final Duration MAX_AGE = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(DetectionResponses.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordVerifier audit;
    private final CommandGateway commands;
    private final EventStore events;
    private final RuleDirectory rules;
    private final CallRecorder recorder;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;

    private DetectionResponses(KafkaConsumer<String, byte[]> consumer, RecordVerifier audit, CommandGateway commands, EventStore events,
                               RuleDirectory rules, CallRecorder recorder, Clock clock) {
        this.consumer = consumer;
        this.audit = audit;
        this.commands = commands;
        this.events = events;
        this.rules = rules;
        this.recorder = recorder;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("revocation-detection-responses").unstarted(this::run);
    }

    /**
     * @param audit  holds the audit service's public keys: only its records are taken
     * @param events the rules' event store, which tells whether a rule of an id was ever made
     * @param rules  the rules in force, which tell whether the account may hold another
     */
    public static DetectionResponses start(KafkaCluster kafka, RecordVerifier audit, CommandGateway commands, EventStore events,
                                           RuleDirectory rules, CallRecorder recorder, Clock clock) {
        Map<String, String> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "mayfly-revocation-detections");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        DetectionResponses responses = new DetectionResponses(kafka.consumer(props, new StringDeserializer(), new ByteArrayDeserializer()),
                audit, commands, events, rules, recorder, clock);
        responses.thread.start();
        return responses;
    }

    /** Rules made from responses since start. */
    public long made() {
        return made.get();
    }

    /** Responses refused since start (not the audit's, or asking for what the account could not). */
    public long refused() {
        return refused.get();
    }

    private void run() {
        RetryPause pause = new RetryPause(Duration.ofMillis(200), Duration.ofSeconds(10));
        try {
            consumer.subscribe(List.of(Topics.DETECTIONS));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    records.forEach(this::take);
                    consumer.commitSync();
                    pause.reset();
                } catch (RuntimeException e) {
                    LOG.warn("detection responses not made ({}); reading them again in {} ms", e.getMessage(), pause.nextMillis());
                    for (TopicPartition partition : records.partitions()) {
                        consumer.seek(partition, records.records(partition).getFirst().offset());
                    }
                    pause.pause();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (audit.verify(record).isEmpty()) {
            refused.incrementAndGet();
            return;
        }
        DetectionResponse response;
        try {
            response = Json.mapper().readValue(record.value(), DetectionResponse.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("a signed detection response that reads as none, at {}-{}@{}: skipped", record.topic(), record.partition(), record.offset());
            refused.incrementAndGet();
            return;
        }
        if (response == null || response.accountId() == null || !response.accountId().matches("\\d{12}") || response.ruleId() == null
                || !response.ruleId().matches("rr-[0-9a-f-]{36}") || response.at() == null || response.findingId() == null
                || response.findingId().length() > 64) {
            LOG.warn("a detection response without account, rule id, finding or time: skipped");
            refused.incrementAndGet();
            return;
        }
        Instant now = clock.instant();
        // a response delivered again after its rule was lifted or ended: making it again would fail (the rule's events
        // exist) and hold every account's responses behind it, read again and again
        if (response.at().isBefore(now.minus(MAX_AGE)) || events.lastSequenceNumberFor(response.ruleId()).isPresent()) {
            return;
        }
        make(response, now);
    }

    /** Makes the rule as POST /rules would for the account, or records why not. */
    private void make(DetectionResponse response, Instant now) {
        ObjectNode request = request(response);
        CreateRuleRequest checked;
        try {
            checked = checked(request, response.accountId(), rules, now);
        } catch (AwsServiceException e) {
            refused.incrementAndGet();
            LOG.warn("detection response {} refused: {}", response.findingId(), e.getMessage());
            recorder.recorded(() -> null, nothing -> call(response, request, null, e, now));
            return;
        }
        RevocationRule rule = new RevocationRule(response.ruleId(), response.accountId(), checked.scope(), checked.target(),
                checked.issuedBefore(), now, SERVICE_PRINCIPAL, checked.reason(), checked.expiresAt(), checked.kind());
        recorder.recorded(() -> commands.sendAndWait(new CreateRule(rule.ruleId(), rule)), nothing -> call(response, request, rule, null, now));
        made.incrementAndGet();
        LOG.info("rule {} for finding {}: {} {} {}", rule.ruleId(), response.findingId(), response.kind(), rule.scope(), rule.target());
    }

    /** What the response asks for, as the account would ask POST /rules. */
    static ObjectNode request(DetectionResponse response) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.put("Kind", response.kind()).put("Scope", response.scope()).put("Target", response.target())
                .put("Reason", "Detection finding " + response.findingId() + " (" + response.detection() + ")");
        if (response.until() != null) {
            request.put("Until", response.until().toString());
        } else {
            request.put("IssuedBefore", response.at().toString());
        }
        return request;
    }

    /**
     * The request checked as POST /rules checks the account's own, the rules in force it may hold included: a tenant
     * whose detections respond to every root call (one finding, one rule each) would otherwise grow the rules every
     * issuer and verifier holds without end.
     */
    static CreateRuleRequest checked(ObjectNode request, String accountId, RuleDirectory rules, Instant now) {
        CreateRuleRequest checked = CreateRuleRequest.from(request, accountId, now);
        rules.requireRoomForAnotherRule(accountId);
        return checked;
    }

    /** The CreateRule record in the account's trail: made by the detections, or refused with the reason. */
    @SuppressWarnings("unchecked")
    private static ApiCallRecorded call(DetectionResponse response, ObjectNode request, RevocationRule rule, AwsServiceException refusal,
                                        Instant now) {
        Map<String, Object> parameters = Json.mapper().convertValue(request, LinkedHashMap.class);
        parameters.put("FindingId", response.findingId());
        Map<String, Object> made = null;
        if (rule != null) {
            made = new LinkedHashMap<>();
            made.put("RuleId", rule.ruleId());
            made.put("ExpiresAt", rule.expiresAt().toString());
        }
        return new ApiCallRecorded(RandomUuids.nextString(), now, "revocation.mayfly", "CreateRule", "us-east-1", SERVICE_PRINCIPAL,
                SERVICE_PRINCIPAL, RandomUuids.nextString(), new UserIdentity("AWSService", SERVICE_PRINCIPAL, null, null, null, null, null),
                parameters, made, refusal == null ? null : refusal.code(), refusal == null ? null : refusal.getMessage(), List.of(), false,
                response.accountId());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
