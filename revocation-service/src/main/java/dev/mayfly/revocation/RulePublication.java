package dev.mayfly.revocation;

import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventhandling.EventMessage;

/**
 * Which new rules are on the revocations topic yet. A created rule is durable once its event is stored, and reaches
 * issuers once Kafka has acknowledged it on the topic (the publisher sends it at least once, however long Kafka is
 * away); until then it is pending. Known for the rules created since this process started; earlier ones were stored
 * before it, and the publisher sends whatever it had not sent as soon as it starts. The rules' publisher may run in
 * another revocation service ({@link RepublishLease}): a rule read on the topic is published too ({@link PublishedRules}).
 */
public final class RulePublication {

    /** A rule's state as the rules API reports it. */
    public enum State { PUBLISHED, PENDING }

    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    /** To be called before the rule is created, so that an acknowledgement faster than the creation's answer is not missed. */
    public void expect(String ruleId) {
        pending.put(ruleId, new CompletableFuture<>());
    }

    /** The rule was not created after all. */
    public void forget(String ruleId) {
        pending.remove(ruleId);
    }

    /** Told by the publisher of every event Kafka acknowledged. */
    void acknowledged(EventMessage<?> event) {
        if (event.getPayload() instanceof RuleCreated created) {
            onTopic(created.rule().ruleId());
        }
    }

    /** The rule is on the topic: acknowledged to this process, or read there (another process published it). */
    void onTopic(String ruleId) {
        CompletableFuture<Void> published = pending.remove(ruleId);
        if (published != null) {
            published.complete(null);
        }
    }

    /** Waits at most that long for the rule to be on the topic; its state then. */
    public State await(String ruleId, Duration atMost) {
        CompletableFuture<Void> published = pending.get(ruleId);
        if (published == null) {
            return State.PUBLISHED;
        }
        try {
            published.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            return State.PUBLISHED;
        } catch (TimeoutException e) {
            return State.PENDING;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a publication is never completed exceptionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.PENDING;
        }
    }

    public State state(String ruleId) {
        return pending.containsKey(ruleId) ? State.PENDING : State.PUBLISHED;
    }
}
