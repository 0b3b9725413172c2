package dev.mayfly.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS for a service: MAYFLY_TLS_KEYSTORE (a PKCS#12 file holding the server's key and certificate chain) and
 * MAYFLY_TLS_KEYSTORE_PASSWORD. Without them a service serves plain HTTP, for TLS terminated in front of it.
 *
 * @param keystore the PKCS#12 file
 * @param password its password
 */
public record TlsSettings(Path keystore, String password) {

    public static Optional<TlsSettings> from(Settings settings) {
        String keystore = settings.string("MAYFLY_TLS_KEYSTORE", "");
        return keystore.isEmpty() ? Optional.empty()
                : Optional.of(new TlsSettings(Path.of(keystore), settings.string("MAYFLY_TLS_KEYSTORE_PASSWORD", "")));
    }

    /** TLS 1.2 and 1.3 with the JDK's defaults, this keystore's key presented. */
    public SSLContext context() throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS keystore " + keystore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TlsSettings[" + keystore + "]";
    }
}
