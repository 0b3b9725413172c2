package dev.mayfly.cli;

import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.KeysInit;
import dev.mayfly.deploymentkeys.RingRotation;
import dev.mayfly.runtime.Settings;
import dev.mayfly.signing.WebIdentityKeyRing;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * ./mayfly keys rotate RING: a fresh key becomes the current one of that ring on mayfly.keys, the previous keys stay in it
 * to open or verify what they sealed or signed ({@link RingRotation}, as an issuer's admin API rotates its two rings), and
 * every process given the key-encryption key switches within seconds. Prints the old and the new key id, never a key.
 * Refused for the credential-vault ring ({@link RingRotation#rotatable}), and without a key-encryption key: then there are no rings, each service keeps key files of its own, and
 * {@code keys rotate} without a ring rotates the issuer's through its admin API.
 */
final class KeysRotateCommand {

    private static final Duration PUBLISH = Duration.ofSeconds(30);

    private KeysRotateCommand() {
    }

    static int run(String ringName, Settings settings, PrintStream out, PrintStream err) {
        DeploymentRing ring = DeploymentRing.named(ringName).orElse(null);
        if (ring == null) {
            err.println("no key ring is named " + ringName + "; the rings are " + String.join(", ", KeysInit.names()));
            return 2;
        }
        if (!RingRotation.rotatable(ring)) {
            err.println(RingRotation.notRotatable(ring));
            return 2;
        }
        KeyEncryptionKeySource source = DeploymentKeyRings.source(settings);
        if (!source.configured()) {
            throw new CliException("keys rotate " + ringName + " rotates a ring on mayfly.keys, which only a key-encryption key"
                    + " opens, and there is none here (" + KeyEncryptionKeySource.VALUE + ", or the file " + source
                    + "): give this command the deployment's (" + KeyEncryptionKeySource.FILE + "). A deployment without one"
                    + " keeps each service's keys in its own files: ./mayfly keys rotate (no ring) rotates the issuer's"
                    + " session-token and signing keys through its admin API");
        }
        KeyEncryptionKey kek = DeploymentKeyRings.load(source);
        try (KeyRingTopic topic = DeploymentKeyRings.read(settings, kek)) {
            RingRotation.Rotated rotated = RingRotation.rotate(topic, ring, Instant.now(), PUBLISH);
            out.printf("%s rotated: %s -> %s (generation %d; keys %s)%n", ring.ringName(), rotated.previousKeyId(),
                    rotated.currentKeyId(), rotated.after().generation(), String.join(", ", rotated.after().keyIds()));
            if (ring == DeploymentRing.WEB_IDENTITY_SIGNING) {
                // relying parties cache the key set: the new key is listed at once and signs only once they can have it
                out.println("every issuer lists " + rotated.currentKeyId() + " in each account's jwks.json within seconds, and signs"
                        + " web identity tokens with it " + WebIdentityKeyRing.PUBLISH_AHEAD.toMinutes() + " minutes from now");
            } else {
                out.println("every process given key-encryption key " + kek.id() + " switches to " + rotated.currentKeyId()
                        + " within seconds (./mayfly keys status shows each service's)");
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("the key ring " + ringName + " could not be rotated: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
