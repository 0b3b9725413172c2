package dev.mayfly.audit.detection;

import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.token.Aead;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.TokenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Seals the detections' webhook secrets for Elasticsearch, where the settings are kept, so that whoever reads the index
 * (a snapshot, a replica, an operator with search rights) cannot sign webhook payloads as Mayfly: under the deployment's
 * key-encryption key when the process has one (then every audit process opens what any sealed), else under an AES key
 * file of this process's own (one audit process). Each secret is bound to its account: a sealed secret copied into
 * another account's settings does not open.
 */
public final class WebhookSecrets {

    private static final String CONTEXT = "detection-webhook-secret:";

    /** Seals, or opens, bytes under a context; opening throws TokenException when they do not open. */
    private interface Cipher extends BiFunction<String, byte[], byte[]> {
    }

    private final Cipher sealing;
    private final Cipher opening;

    private WebhookSecrets(Cipher sealing, Cipher opening) {
        this.sealing = sealing;
        this.opening = opening;
    }

    /**
     * @param keyEncryptionKey the deployment's, if the process has one
     * @param ownKeyFile       the process's own key otherwise, made at first start
     */
    public static WebhookSecrets open(KeyEncryptionKeySource keyEncryptionKey, Path ownKeyFile) throws IOException {
        if (keyEncryptionKey.configured()) {
            KeyEncryptionKey key = keyEncryptionKey.load();
            return new WebhookSecrets(key::sealSecret, key::openSecret);
        }
        Aead own = new Aead(KeyRing.loadOrCreate(ownKeyFile));
        return new WebhookSecrets((context, plaintext) -> own.seal(plaintext, context), (context, sealed) -> own.open(sealed, context));
    }

    /** The secret sealed for the account's settings, base64. */
    String seal(String accountId, String secret) {
        return Base64.getEncoder().encodeToString(sealing.apply(CONTEXT + accountId, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The account's secret; empty when it does not open here: sealed under another key (the key-encryption key was
     * replaced, or this process's own key file lost), for another account, or changed.
     */
    Optional<String> open(String accountId, String sealed) {
        try {
            return Optional.of(new String(opening.apply(CONTEXT + accountId, Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8));
        } catch (TokenException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
