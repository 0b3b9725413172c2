package dev.mayfly.issuer.keyrings;

import dev.mayfly.issuer.verifierkeys.IssuerSigningKeys;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The issuer's rings in owner-only files of its own, each made at first start: one issuer only, since another would make
 * keys of its own. Tests, and dev checkouts from before ./mayfly keys init.
 */
final class FileKeyRings implements IssuerKeyRings {

    private final Path tokenKeysFile;
    private final IssuerSigningKeys signingKeys;
    private final KeyRing vault;
    private volatile KeyRing sessionToken;
    private volatile SigningKeyRing signing;
    private volatile Consumer<KeyRing> sessionTokenUsers = ring -> { };
    private volatile Consumer<SigningKeyRing> signingUsers = ring -> { };

    private FileKeyRings(Path tokenKeysFile, IssuerSigningKeys signingKeys, KeyRing vault, KeyRing sessionToken,
                         SigningKeyRing signing) {
        this.tokenKeysFile = tokenKeysFile;
        this.signingKeys = signingKeys;
        this.vault = vault;
        this.sessionToken = sessionToken;
        this.signing = signing;
    }

    static FileKeyRings loadOrCreate(Path tokenKeysFile, Path vaultKeysFile, Path signingKeysFile, Path signingPublicKeysFile,
                                     Instant now) throws IOException {
        IssuerSigningKeys signingKeys = new IssuerSigningKeys(signingKeysFile, signingPublicKeysFile);
        return new FileKeyRings(tokenKeysFile, signingKeys, KeyRing.loadOrCreate(vaultKeysFile), KeyRing.loadOrCreate(tokenKeysFile),
                signingKeys.loadOrCreate(now));
    }

    @Override
    public KeyRing sessionToken() {
        return sessionToken;
    }

    @Override
    public KeyRing credentialVault() {
        return vault;
    }

    @Override
    public SigningKeyRing signing() {
        return signing;
    }

    @Override
    public synchronized KeyRing rotate(Instant now) throws IOException {
        sessionToken = KeyRing.rotate(tokenKeysFile, now);
        signing = signingKeys.rotate(now);
        sessionTokenUsers.accept(sessionToken);
        signingUsers.accept(signing);
        return sessionToken;
    }

    @Override
    public synchronized void whenChanged(Consumer<KeyRing> sessionToken, Consumer<SigningKeyRing> signing) {
        this.sessionTokenUsers = sessionToken;
        this.signingUsers = signing;
        sessionToken.accept(this.sessionToken);
        signing.accept(this.signing);
    }

    @Override
    public void close() {
        // files: nothing held open
    }
}
