package dev.mayfly.issuer.authz;

import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.signing.KeyLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of the services that may ask the issuer for decisions (POST /mayfly/authorize) and session keys: each
 * service's token is an HMAC of its name under a key only the issuers hold, so each caller has its own and none is
 * stored. The keys are a ring (the deployment's service-credentials ring on mayfly.keys, shared by every issuer, or a
 * lone issuer's own file): the current key makes credentials, every key of the ring admits those it made, so a rotation
 * leaves the services time to get their new ones, and replacing the ring withdraws them all. Checked in constant time.
 */
public final class ServiceCredentials {

    private static final String ALGORITHM = "HmacSHA256";
    /** The key id a lone issuer's file key gets in a ring (its file holds one key, without an id). */
    private static final String FILE_KEY_ID = "file";
    /** Oldest first; the last one makes credentials. */
    private volatile List<SecretKeySpec> keys;
    private volatile String currentKeyId;

    private ServiceCredentials(String keyLines) {
        use(keyLines);
    }

    /** The credentials of a ring of key lines (id:base64 of 32 bytes). */
    public static ServiceCredentials ofRing(String keyLines) {
        return new ServiceCredentials(keyLines);
    }

    /** A lone issuer's key in its file, created at random (owner-only) when missing. */
    public static ServiceCredentials inFile(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        PrivateFiles.createIfAbsent(file, HexFormat.of().formatHex(key) + "\n");
        return new ServiceCredentials(fileAsRing(file));
    }

    /** The key of a lone issuer's file as a ring of one key: how ./mayfly keys init imports it, so credentials stay valid. */
    public static String fileAsRing(Path file) throws IOException {
        byte[] key = HexFormat.of().parseHex(PrivateFiles.read(file).strip());
        return FILE_KEY_ID + ":" + Base64.getEncoder().encodeToString(key) + "\n";
    }

    /** Uses this ring from now on: a rotation or replacement that any process wrote. */
    public void use(String keyLines) {
        Map<String, byte[]> ring = KeyLines.parse(keyLines, 32, "HMAC-SHA256");
        this.keys = ring.values().stream().map(key -> new SecretKeySpec(key, ALGORITHM)).toList();
        this.currentKeyId = ring.keySet().stream().reduce((first, second) -> second).orElseThrow();
    }

    /** The id of the key that makes credentials now (never the key). */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The credential of the service of that name, made with the current key. */
    public ServiceCredential of(String name) {
        return new ServiceCredential(name, token(keys.getLast(), name));
    }

    /** Whether the Authorization header presents a service's own credential. */
    boolean admits(String authorization) {
        return admitted(authorization).isPresent();
    }

    /** The name of the service whose own credential, made by any key of the ring, the Authorization header presents. */
    public Optional<String> admitted(String authorization) {
        return ServiceCredential.presentedIn(authorization).filter(this::madeByTheRing).map(ServiceCredential::name);
    }

    private boolean madeByTheRing(ServiceCredential presented) {
        byte[] token = presented.token().getBytes(StandardCharsets.US_ASCII);
        boolean made = false;
        for (SecretKeySpec key : keys) {   // every key, whichever matches: the time taken says nothing of which one did
            made |= MessageDigest.isEqual(token(key, presented.name()).getBytes(StandardCharsets.US_ASCII), token);
        }
        return made;
    }

    private static String token(SecretKeySpec key, String name) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(("mayfly-service:" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
