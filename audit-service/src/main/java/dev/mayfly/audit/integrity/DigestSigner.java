package dev.mayfly.audit.integrity;

import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.signing.SigningKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Signs digests with Ed25519 (Bouncy Castle). The key is the deployment's audit-digest-signing ring on mayfly.keys when
 * the service has a key-encryption key (the ring's newest key signs, and a rotation of the ring reaches every process),
 * else a PKCS#8 PEM file readable only by its owner, created on first start. The public key is exported as an X.509
 * SubjectPublicKeyInfo, which OpenSSL and every crypto library read, so that an auditor can check digests without Mayfly.
 */
public final class DigestSigner {

    public static final String ALGORITHM = "Ed25519";

    /**
     * The key that signs now.
     *
     * @param keyId what operators see of it: the ring's key id, or for a key file its fingerprint
     */
    private record Key(String keyId, Function<byte[], byte[]> sign, byte[] publicKeyDer, String fingerprint) {
    }

    private volatile Key key;

    private DigestSigner(Key key) {
        this.key = key;
    }

    /** The key in this file, created (owner-only) if there is none yet. */
    public static DigestSigner fromFile(Path file) throws IOException {
        Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
        PrivateFiles.createIfAbsent(file, Pem.encode(PrivateKeyInfoFactory.createPrivateKeyInfo(fresh).getEncoded(), "PRIVATE KEY"));
        Ed25519PrivateKeyParameters privateKey = readKey(file);
        byte[] der = publicKeyDer(privateKey.generatePublicKey().getEncoded());
        return new DigestSigner(new Key(fingerprint(der), message -> sign(privateKey, message), der, fingerprint(der)));
    }

    /** The newest key of the deployment's audit-digest-signing ring; {@link #use} follows the ring's changes. */
    public static DigestSigner fromRing(SigningKeyRing ring) {
        return new DigestSigner(keyOf(ring));
    }

    /** The ring's newest key signs from now on. */
    public void use(SigningKeyRing ring) {
        key = keyOf(ring);
    }

    private static Key keyOf(SigningKeyRing ring) {
        byte[] der = publicKeyDer(SigningKeyHistory.publicKeys(ring.publicKeys()).get(ring.currentKeyId()));
        return new Key(ring.currentKeyId(), message -> ring.sign(message).bytes(), der, fingerprint(der));
    }

    /**
     * The key of a digest key file of before mayfly.keys as a line of the audit-digest-signing ring ({@code
     * e<epoch millis>:base64(key)}, its id the file's time, when the key began to sign): ./mayfly keys init imports it, so
     * the chain's key stays the same.
     */
    public static String ringLine(Path file) throws IOException {
        Ed25519PrivateKeyParameters privateKey = readKey(file);
        return "e" + Files.getLastModifiedTime(file).toMillis() + ":" + Base64.getEncoder().encodeToString(privateKey.getEncoded()) + "\n";
    }

    private static Ed25519PrivateKeyParameters readKey(Path file) throws IOException {
        byte[] der = Pem.decode(PrivateFiles.read(file), "PRIVATE KEY");
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(der);
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IOException(file + " does not hold an Ed25519 private key.");
        }
        return ed25519;
    }

    private static byte[] sign(Ed25519PrivateKeyParameters privateKey, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** An Ed25519 public key (its 32 bytes) as X.509 SubjectPublicKeyInfo DER. */
    static byte[] publicKeyDer(byte[] rawPublicKey) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(new Ed25519PublicKeyParameters(rawPublicKey)).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest, signed, and named by the key that signed it. */
    public Digest sign(Digest unsigned) {
        Key signing = key;
        Digest named = Objects.equals(unsigned.keyFingerprint(), signing.fingerprint()) ? unsigned
                : unsigned.withKeyFingerprint(signing.fingerprint());
        return named.withSignature(Base64.getEncoder().encodeToString(signing.sign().apply(named.signedBytes())));
    }

    /** The public key, X.509 SubjectPublicKeyInfo DER. */
    public byte[] publicKeyDer() {
        return key.publicKeyDer().clone();
    }

    /** The id operators see (./mayfly keys status, /about): the ring's key id, or for a key file the fingerprint. */
    public String keyId() {
        return key.keyId();
    }

    public String fingerprint() {
        return key.fingerprint();
    }

    /** The fingerprint digests name their key by: the hex SHA-256 of the DER public key. */
    public static String fingerprint(byte[] publicKeyDer) {
        return RecordHash.sha256Hex(publicKeyDer);
    }

    /** Whether the signature of a digest is this public key's. */
    public static boolean verify(Digest digest, byte[] publicKeyDer) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(publicKeyDer);
            if (!(key instanceof Ed25519PublicKeyParameters) || digest.signature() == null) {
                return false;
            }
            byte[] message = digest.signedBytes();
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(Base64.getDecoder().decode(digest.signature()));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
