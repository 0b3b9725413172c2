package dev.mayfly.cli;

import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.time.Duration;

/** The deployment's key rings on mayfly.keys as the CLI reads them: with the key-encryption key the issuer is given. */
final class DeploymentKeyRings {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private DeploymentKeyRings() {
    }

    /** Where the key-encryption key is, from the same settings as the issuer's (MAYFLY_KEY_ENCRYPTION_KEY[_FILE]). */
    static KeyEncryptionKeySource source(Settings settings) {
        return IssuerSettings.from(settings).keyEncryptionKey();
    }

    /** The rings, read to the topic's end. */
    static KeyRingTopic read(Settings settings, KeyEncryptionKey kek) {
        KeyRingTopic rings = KeyRingTopic.follow(settings.kafka(), kek);
        try {
            if (!rings.awaitCaughtUp(CATCH_UP)) {
                rings.close();
                throw new CliException("mayfly.keys could not be read within " + CATCH_UP.toSeconds() + " s: is Kafka at "
                        + settings.kafka() + " reachable (MAYFLY_KAFKA_BOOTSTRAP)?");
            }
            return rings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while reading mayfly.keys");
        }
    }

    static KeyEncryptionKey load(KeyEncryptionKeySource source) {
        try {
            return source.load();
        } catch (IOException | RuntimeException e) {
            throw new CliException(e.getMessage());
        }
    }
}
