package dev.mayfly.audit.integrity;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Signs digests with Ed25519 (Bouncy Castle). The private key lives in a PKCS#8 PEM file readable only by its owner,
 * created on first start; the public key is exported as an X.509 SubjectPublicKeyInfo, which OpenSSL and every crypto
 * library read, so that an auditor can check digests without Mayfly.
 */
public final class DigestSigner {

    public static final String ALGORITHM = "Ed25519";

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKeyDer;

    private DigestSigner(Ed25519PrivateKeyParameters privateKey) throws IOException {
        this.privateKey = privateKey;
        this.publicKeyDer = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(privateKey.generatePublicKey()).getEncoded();
    }

    /** The key in this file, created (owner-only) if there is none yet. */
    public static DigestSigner fromFile(Path file) throws IOException {
        Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(new SecureRandom());
        PrivateFiles.createIfAbsent(file, Pem.encode(PrivateKeyInfoFactory.createPrivateKeyInfo(fresh).getEncoded(), "PRIVATE KEY"));
        byte[] der = Pem.decode(PrivateFiles.read(file), "PRIVATE KEY");
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(der);
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IOException(file + " does not hold an Ed25519 private key.");
        }
        return new DigestSigner(ed25519);
    }

    /** The digest, signed. */
    public Digest sign(Digest unsigned) {
        byte[] message = unsigned.signedBytes();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return unsigned.withSignature(Base64.getEncoder().encodeToString(signer.generateSignature()));
    }

    /** The public key, X.509 SubjectPublicKeyInfo DER. */
    public byte[] publicKeyDer() {
        return publicKeyDer.clone();
    }

    public String fingerprint() {
        return fingerprint(publicKeyDer);
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
