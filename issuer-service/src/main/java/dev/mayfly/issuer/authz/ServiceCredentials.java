package dev.mayfly.issuer.authz;

import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.contract.ServiceCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of the services that may ask the issuer for decisions (POST /mayfly/authorize): each service's token
 * is an HMAC of its name under a key only the issuer holds, so each caller has its own, none is stored, and replacing
 * the key (its file, beside the admin token) withdraws them all. Checked in constant time.
 */
public final class ServiceCredentials {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    private ServiceCredentials(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The key in its file, created at random (owner-only) when missing. */
    public static ServiceCredentials inFile(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        PrivateFiles.createIfAbsent(file, HexFormat.of().formatHex(key) + "\n");
        return new ServiceCredentials(HexFormat.of().parseHex(PrivateFiles.read(file).strip()));
    }

    /** The credential of the service of that name. */
    public ServiceCredential of(String name) {
        return new ServiceCredential(name, token(name));
    }

    /** Whether the Authorization header presents a service's own credential. */
    boolean admits(String authorization) {
        return admitted(authorization).isPresent();
    }

    /** The name of the service whose own credential the Authorization header presents; empty when it presents none. */
    public Optional<String> admitted(String authorization) {
        return ServiceCredential.presentedIn(authorization).filter(presented -> MessageDigest.isEqual(
                token(presented.name()).getBytes(StandardCharsets.US_ASCII), presented.token().getBytes(StandardCharsets.US_ASCII)))
                .map(ServiceCredential::name);
    }

    private String token(String name) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(("mayfly-service:" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
