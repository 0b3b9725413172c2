package dev.mayfly.deploymentkeys;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ./mayfly keys init: makes every ring of {@link DeploymentRing} that mayfly.keys lacks, once, for the whole deployment:
 * from the keys an issuer kept in its own files until now, when there are some (so that the sessions and stored secrets
 * they sealed keep opening), else fresh ones.
 * A ring that exists is kept: replacing one makes whatever its keys sealed unreadable (every live session for
 * session-token, every stored secret for credential-vault), so it is replaced only when named with --force.
 */
public final class KeysInit {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private KeysInit() {
    }

    /** What became of one ring. */
    public enum Action { CREATED, IMPORTED, KEPT, REPLACED }

    /** One ring's outcome; the ring as the topic now holds it. */
    public record Outcome(DeploymentRing ring, Action action, StoredRing stored) {
    }

    /**
     * @param topic   followed and caught up: the rings the deployment holds now
     * @param replace the names of the rings to replace even though they exist (--force)
     * @param existing the key lines of rings kept elsewhere until now, by ring name: each becomes the ring when the topic
     *                 lacks it
     * @throws IllegalArgumentException when a ring to replace is not one of the deployment's
     * @throws IllegalStateException    when a ring exists but does not open with this KEK, and is not named to replace
     */
    public static List<Outcome> run(KeyRingTopic topic, Set<String> replace, Map<String, String> existing, Instant now)
            throws IOException, InterruptedException {
        for (String name : replace) {
            if (DeploymentRing.named(name).isEmpty()) {
                throw new IllegalArgumentException("no key ring is named " + name + "; the rings are " + names());
            }
        }
        // every ring to import is read before any is written: a bad file leaves the topic as it was
        existing.forEach((name, keys) -> DeploymentRing.named(name)
                .orElseThrow(() -> new IllegalArgumentException("no key ring is named " + name)).imported(keys));
        List<Outcome> outcomes = new ArrayList<>();
        for (DeploymentRing ring : DeploymentRing.values()) {
            Optional<StoredRing> held = topic.ring(ring.ringName());
            boolean forced = replace.contains(ring.ringName());
            if (!forced && held.isPresent()) {
                outcomes.add(new Outcome(ring, Action.KEPT, held.get()));
            } else if (!forced && topic.unreadable(ring.ringName()).isPresent()) {
                throw new IllegalStateException("the key ring " + ring.ringName() + " is on mayfly.keys but cannot be read: "
                        + topic.unreadable(ring.ringName()).get() + ". Give this command the key-encryption key the deployment"
                        + " uses; --force " + ring.ringName() + " would replace the ring, and whatever its keys sealed would no"
                        + " longer open");
            } else if (held.isPresent()) {
                outcomes.add(new Outcome(ring, Action.REPLACED, topic.publish(ring.replacement(held.get(), now), WRITE_TIMEOUT)));
            } else if (!forced && existing.containsKey(ring.ringName())) {
                outcomes.add(new Outcome(ring, Action.IMPORTED, topic.publish(ring.imported(existing.get(ring.ringName())), WRITE_TIMEOUT)));
            } else {
                outcomes.add(new Outcome(ring, Action.CREATED, topic.publish(ring.fresh(now), WRITE_TIMEOUT)));
            }
        }
        return outcomes;
    }

    /** The rings' names, for usage and messages. */
    public static List<String> names() {
        return java.util.Arrays.stream(DeploymentRing.values()).map(DeploymentRing::ringName).toList();
    }
}
