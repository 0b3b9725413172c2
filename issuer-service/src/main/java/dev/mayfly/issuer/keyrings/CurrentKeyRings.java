package dev.mayfly.issuer.keyrings;

import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.token.KeyRing;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rings an issuer uses now and who is told when one changes: what every way of keeping them shares, so that a
 * store (files, mayfly.keys) only says where rings come from and how a rotation is written.
 */
abstract class CurrentKeyRings implements IssuerKeyRings {

    private final KeyRing vault;
    private final ServiceCredentials serviceCredentials;
    private volatile KeyRing sessionToken;
    private volatile SigningKeyRing signing;
    /** Null while the deployment has no such ring yet (rings made before it existed). */
    private volatile WebIdentityKeyRing webIdentity;
    private volatile Consumer<KeyRing> sessionTokenUsers = ring -> { };
    private volatile Consumer<SigningKeyRing> signingUsers = ring -> { };

    CurrentKeyRings(KeyRing vault, KeyRing sessionToken, SigningKeyRing signing, WebIdentityKeyRing webIdentity,
                    ServiceCredentials serviceCredentials) {
        this.vault = vault;
        this.webIdentity = webIdentity;
        this.serviceCredentials = serviceCredentials;
        this.sessionToken = sessionToken;
        this.signing = signing;
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
    public ServiceCredentials serviceCredentials() {
        return serviceCredentials;
    }

    @Override
    public SigningKeyRing signing() {
        return signing;
    }

    @Override
    public Optional<WebIdentityKeyRing> webIdentity() {
        return Optional.ofNullable(webIdentity);
    }

    /** Makes this web identity ring current: read at each token, so nothing else is told. */
    final void useWebIdentity(WebIdentityKeyRing ring) {
        webIdentity = ring;
    }

    /** Makes this session-token ring current, and tells its users. */
    final void useSessionToken(KeyRing ring) {
        sessionToken = ring;
        sessionTokenUsers.accept(ring);
    }

    /** Makes this signing ring current, and tells its users. */
    final void useSigning(SigningKeyRing ring) {
        signing = ring;
        signingUsers.accept(ring);
    }

    @Override
    public synchronized void whenChanged(Consumer<KeyRing> sessionToken, Consumer<SigningKeyRing> signing) {
        this.sessionTokenUsers = sessionToken;
        this.signingUsers = signing;
        sessionToken.accept(this.sessionToken);
        signing.accept(this.signing);
    }
}
