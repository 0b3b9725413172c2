package dev.mayfly.revocation;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationFeedState;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the revocation feed's {@link RevocationFeedState}, signed, under its reserved key: after the start-up
 * republish, and after every rule event Kafka acknowledged since, so that followers can tell an emptied or rolled-back
 * topic from one with fewer rules. The epoch is a position in the event store (the newest event at start, then each
 * published rule event's): it never goes backwards while the store lives, across restarts too. The rules counted are
 * those on the topic: the ones republished at start, then each acknowledged creation and lift.
 */
final class FeedStatePublication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStatePublication.class);
    private final Producer<String, byte[]> producer;
    private final RecordSigner signer;
    /** One thread, so that states reach the topic in the order of the events they follow, and the producer's never waits. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> Thread.ofPlatform()
            .name("revocation-feed-state").daemon().unstarted(runnable));
    /** Touched on the sender's thread only, once {@link #republished} ran. */
    private final Set<String> onTopic = new HashSet<>();
    private long epoch;
    private volatile boolean started;

    FeedStatePublication(Producer<String, byte[]> producer, RecordSigner signer) {
        this.producer = producer;
        this.signer = signer;
    }

    /**
     * Every rule in force was published again: publishes the state they make, and waits for Kafka to have it.
     *
     * @param newestEvent the event store's newest position (0 when empty): the state accounts for every event before it
     */
    void republished(Collection<RevocationRule> rules, long newestEvent) throws InterruptedException, ExecutionException, TimeoutException {
        RevocationFeedState state = sender.submit(() -> {
            onTopic.clear();
            rules.forEach(rule -> onTopic.add(rule.ruleId()));
            epoch = Math.max(epoch, newestEvent);
            return new RevocationFeedState(epoch, onTopic.size());
        }).get(30, TimeUnit.SECONDS);
        producer.send(record(state)).get(30, TimeUnit.SECONDS);
        started = true;
        LOG.info("revocation feed state published: epoch {}, {} rules", state.epoch(), state.liveRules());
    }

    /**
     * Another process publishes the feed's state now (it holds the lease): this one publishes none until it republishes,
     * since what it counted and the epoch it reached are no longer the topic's.
     */
    void standingBy() {
        started = false;
    }

    /**
     * Told by the rules' publisher of each event Kafka acknowledged (on the producer's thread). Events before the
     * start-up republish are in the state it made; one acknowledged twice (a batch sent again) changes nothing twice.
     */
    void acknowledged(EventMessage<?> event) {
        if (!started || !(event.getPayload() instanceof RuleCreated || event.getPayload() instanceof RuleLifted)) {
            return;
        }
        sender.execute(() -> {
            switch (event.getPayload()) {
                case RuleCreated created -> onTopic.add(created.rule().ruleId());
                case RuleLifted lifted -> onTopic.remove(lifted.ruleId());
                default -> {
                    return;
                }
            }
            if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
                epoch = Math.max(epoch, tracked.trackingToken().position().orElse(epoch));
            }
            producer.send(record(new RevocationFeedState(epoch, onTopic.size())), (metadata, failure) -> {
                if (failure != null) {
                    // the next rule's state, or the next start's, says it again
                    LOG.warn("the revocation feed state (epoch {}) was not published: {}", epoch, failure.getMessage());
                }
            });
        });
    }

    private ProducerRecord<String, byte[]> record(RevocationFeedState state) {
        try {
            return signer.sign(new ProducerRecord<>(Topics.REVOCATIONS, RevocationFeedState.KEY, Json.mapper().writeValueAsBytes(state)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
