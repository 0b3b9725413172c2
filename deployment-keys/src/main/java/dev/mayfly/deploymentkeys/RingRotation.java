package dev.mayfly.deploymentkeys;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Rotates one ring on mayfly.keys: a fresh key becomes current, the previous ones stay to open or verify what they sealed
 * or signed (until the ring's retention drops them, {@link DeploymentRing#rotated}), and every process that follows the
 * topic switches within seconds. The one way rings are rotated: by an issuer's admin API and by ./mayfly keys rotate RING.
 *
 * <p>Not the credential-vault ring: issuers read it only at start, so during the restarts a rotation would need, an
 * issuer already restarted would seal new access keys' secrets with a key the others cannot open (and nothing re-seals
 * stored secrets, so rotating it would protect nothing already stored).
 */
public final class RingRotation {

    private RingRotation() {
    }

    /** Whether a ring may be rotated while its users run: every one but the credential vault's. */
    public static boolean rotatable(DeploymentRing ring) {
        return ring != DeploymentRing.CREDENTIAL_VAULT;
    }

    /** Why a ring is not rotated, for the operator who asks. */
    public static String notRotatable(DeploymentRing ring) {
        return "the " + ring.ringName() + " ring is not rotated: issuers read it only at start, so while they restart one by"
                + " one those restarted would seal new secrets with a key the others cannot open, and nothing seals stored"
                + " secrets again; keep the key-encryption key and mayfly.keys safe";
    }

    /** The ring before and after; key ids only leave this record ({@link StoredRing#toString()}). */
    public record Rotated(StoredRing before, StoredRing after) {

        public String previousKeyId() {
            return before.currentKeyId();
        }

        public String currentKeyId() {
            return after.currentKeyId();
        }
    }

    /**
     * @param topic followed and caught up
     * @throws IllegalArgumentException for the credential-vault ring, which is not rotated while issuers run
     * @throws IllegalStateException    when the topic lacks the ring, or holds it in a form this key-encryption key
     *                                  cannot open; the message says to run ./mayfly keys init
     */
    public static Rotated rotate(KeyRingTopic topic, DeploymentRing ring, Instant now, Duration timeout)
            throws IOException, InterruptedException {
        if (!rotatable(ring)) {
            throw new IllegalArgumentException(notRotatable(ring));
        }
        StoredRing before = topic.ring(ring.ringName()).orElseThrow(() -> new IllegalStateException(topic.missing(ring.ringName())));
        return new Rotated(before, topic.publish(ring.rotated(before, now), timeout));
    }
}
