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

/**
 * Seals the detections' webhook secrets for Elasticsearch, where the settings are kept, so that whoever reads the index
 * (a snapshot, a replica, an operator with search rights) cannot sign webhook payloads as Mayfly: under the deployment's
 * key-encryption key when the process has one (then every audit process opens what any sealed), else under an AES key
 * file of this process's own (one audit process). Each secret is bound to its account: a sealed secret copied into
 * another account's settings does not open.
 */
public final class WebhookSecrets {

    private static final String CONTEXT = "detection-webhook-secret:";

    /** Seals and opens under a context. */
    private interface Cipher {
        byte[] seal(String context, byte[] plaintext);

        /** @throws TokenException when it does not open */
        byte[] open(String context, byte[] sealed);
    }

    private final Cipher cipher;

    private WebhookSecrets(Cipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @param keyEncryptionKey the deployment's, if the process has one
     * @param ownKeyFile       the process's own key otherwise, made at first start
     */
    public static WebhookSecrets open(KeyEncryptionKeySource keyEncryptionKey, Path ownKeyFile) throws IOException {
        if (keyEncryptionKey.configured()) {
            KeyEncryptionKey key = keyEncryptionKey.load();
            return new WebhookSecrets(new Cipher() {
                @Override
                public byte[] seal(String context, byte[] plaintext) {
                    return key.sealSecret(context, plaintext);
                }

                @Override
                public byte[] open(String context, byte[] sealed) {
                    return key.openSecret(context, sealed);
                }
            });
        }
        Aead own = new Aead(KeyRing.loadOrCreate(ownKeyFile));
        return new WebhookSecrets(new Cipher() {
            @Override
            public byte[] seal(String context, byte[] plaintext) {
                return own.seal(plaintext, context);
            }

            @Override
            public byte[] open(String context, byte[] sealed) {
                return own.open(sealed, context);
            }
        });
    }

    /** The secret sealed for the account's settings, base64. */
    String seal(String accountId, String secret) {
        return Base64.getEncoder().encodeToString(cipher.seal(CONTEXT + accountId, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The account's secret; empty when it does not open here: sealed under another key (the key-encryption key was
     * replaced, or this process's own key file lost), for another account, or changed.
     */
    Optional<String> open(String accountId, String sealed) {
        try {
            return Optional.of(new String(cipher.open(CONTEXT + accountId, Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8));
        } catch (TokenException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
