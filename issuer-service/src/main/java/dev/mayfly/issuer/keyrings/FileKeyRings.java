package dev.mayfly.issuer.keyrings;

import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.issuer.verifierkeys.IssuerSigningKeys;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The issuer's rings in owner-only files of its own, each made at first start: one issuer only, since another would make
 * keys of its own. Tests, and dev checkouts from before ./mayfly keys init.
 */
final class FileKeyRings extends CurrentKeyRings {

    private final Path tokenKeysFile;
    private final IssuerSigningKeys signingKeys;
    private final Path webIdentityKeysFile;

    private FileKeyRings(Path tokenKeysFile, IssuerSigningKeys signingKeys, Path webIdentityKeysFile, KeyRing vault,
                         KeyRing sessionToken, SigningKeyRing signing, WebIdentityKeyRing webIdentity,
                         ServiceCredentials serviceCredentials) {
        super(vault, sessionToken, signing, webIdentity, serviceCredentials);
        this.tokenKeysFile = tokenKeysFile;
        this.signingKeys = signingKeys;
        this.webIdentityKeysFile = webIdentityKeysFile;
    }

    static FileKeyRings loadOrCreate(Path tokenKeysFile, Path vaultKeysFile, Path signingKeysFile, Path signingPublicKeysFile,
                                     Path webIdentityKeysFile, Path serviceCredentialsKeyFile, Instant now) throws IOException {
        IssuerSigningKeys signingKeys = new IssuerSigningKeys(signingKeysFile, signingPublicKeysFile);
        return new FileKeyRings(tokenKeysFile, signingKeys, webIdentityKeysFile, KeyRing.loadOrCreate(vaultKeysFile),
                KeyRing.loadOrCreate(tokenKeysFile), signingKeys.loadOrCreate(now),
                WebIdentityKeyRing.loadOrCreate(webIdentityKeysFile, now), ServiceCredentials.inFile(serviceCredentialsKeyFile));
    }

    @Override
    public synchronized KeyRing rotate(Instant now) throws IOException {
        useSessionToken(KeyRing.rotate(tokenKeysFile, now));
        useSigning(signingKeys.rotate(now));
        useWebIdentity(WebIdentityKeyRing.rotate(webIdentityKeysFile, now));
        return sessionToken();
    }

    @Override
    public void close() {
        // files: nothing held open
    }
}
