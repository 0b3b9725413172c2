package dev.mayfly.issuer.keyrings;

import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The issuer's key rings, wherever they are kept, and their rotation. */
public interface IssuerKeyRings extends AutoCloseable {

    /** The rings on mayfly.keys when the settings give a key-encryption key; else this process's own key files. */
    static IssuerKeyRings open(IssuerSettings settings, Clock clock) throws IOException, InterruptedException {
        if (settings.keyEncryptionKey().configured()) {
            return TopicKeyRings.start(settings.kafka(), settings.keyEncryptionKey().load(), settings.signingPublicKeysFile());
        }
        Logger log = LoggerFactory.getLogger(IssuerKeyRings.class);
        log.warn("no key-encryption key ({}): this issuer keeps key files of its own under {}, which no other issuer shares;"
                + " for more than one issuer, run ./mayfly keys init", settings.keyEncryptionKey(), settings.tokenKeysFile().getParent());
        return FileKeyRings.loadOrCreate(settings.tokenKeysFile(), settings.vaultKeysFile(), settings.signingKeysFile(),
                settings.signingPublicKeysFile(), settings.webIdentityKeysFile(), settings.serviceCredentialsKeyFile(), clock.instant());
    }

    /** The keys that seal session tokens now. */
    KeyRing sessionToken();

    /** The keys that seal secrets at rest (access keys' secrets, MFA seeds). */
    KeyRing credentialVault();

    /** The keys that sign sessions' claims for verifiers and the issuer's feed records. */
    SigningKeyRing signing();

    /**
     * The keys that sign the tokens of GetWebIdentityToken, as current now; empty while mayfly.keys lacks the ring (a
     * deployment whose rings were made before it: ./mayfly keys init makes the missing ring and keeps the others).
     */
    Optional<WebIdentityKeyRing> webIdentity();

    /** The deployment's rings on mayfly.keys, followed, when the issuer has a key-encryption key; else empty. */
    default Optional<KeyRingTopic> deploymentRings() {
        return Optional.empty();
    }

    /** The keys of the services' credentials, kept current as the ring changes. */
    ServiceCredentials serviceCredentials();

    /**
     * Adds a fresh session-token key and a fresh signing key that are current from now on (and a web identity key,
     * published now, that signs once published long enough), in every issuer that shares
     * these rings; retired keys keep opening and verifying until no session they served can be alive.
     *
     * @return the session-token ring now in use
     */
    KeyRing rotate(Instant now) throws IOException;

    /**
     * Hands each ring that becomes current (a rotation by this issuer or, for shared rings, by any other) to its users;
     * at once with the rings current now, so that no rotation between start and this call is missed.
     */
    void whenChanged(Consumer<KeyRing> sessionToken, Consumer<SigningKeyRing> signing);

    @Override
    void close();
}
