package dev.mayfly.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates Mayfly's own clients trust when they call a Mayfly service over HTTPS (the audit and revocation
 * services calling the issuer's /mayfly/authorize, ./mayfly's commands): MAYFLY_TLS_TRUSTSTORE, a PEM file of CA
 * certificates or a PKCS#12 truststore, with MAYFLY_TLS_TRUSTSTORE_PASSWORD for a PKCS#12 one (left empty, the file is
 * read without checking its integrity). When set it replaces the JDK's public CAs for these clients, as
 * javax.net.ssl.trustStore would, so that a private CA is enough and nothing else is trusted; unset, the JDK's public CAs.
 * Certificates and host names are always verified: there is no setting that turns verification off. Clients that call
 * outside Mayfly (OpenID Connect providers' keys) never use it.
 *
 * @param truststore the file, or null for the JDK's public CAs
 * @param password   a PKCS#12 truststore's password, or empty
 */
public record TlsTrust(Path truststore, String password) {

    /** The JDK's public CAs. */
    public static final TlsTrust PUBLIC_CAS = new TlsTrust(null, "");

    public static TlsTrust from(Settings settings) {
        String truststore = settings.string("MAYFLY_TLS_TRUSTSTORE", "");
        return truststore.isEmpty() ? PUBLIC_CAS
                : new TlsTrust(Path.of(truststore), settings.string("MAYFLY_TLS_TRUSTSTORE_PASSWORD", ""));
    }

    /** A TLS context that verifies servers against these certificates. */
    public SSLContext context() throws IOException {
        try {
            if (truststore == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS truststore " + truststore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * The trust managers over these certificates (for clients such as the AWS SDK's, which take them rather than a
     * context); null for the JDK's public CAs, which is what such clients take to mean their default.
     */
    public TrustManager[] trustManagers() throws IOException {
        if (truststore == null) {
            return null;
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load());
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {    // a missing file's own message is its bare name
            throw new IOException("the TLS truststore " + truststore + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** A JDK HTTP client builder whose HTTPS connections trust these certificates. */
    public HttpClient.Builder httpClient() {
        try {
            return HttpClient.newBuilder().sslContext(context());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        byte[] content = Files.readAllBytes(truststore);
        KeyStore store;
        if (pem(content)) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content))) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException("it holds no certificate");
            }
        } else {
            store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new ByteArrayInputStream(content)) {
                store.load(in, password.isEmpty() ? null : password.toCharArray());
            }
        }
        return store;
    }

    /** PKCS#12 is DER, which starts with a SEQUENCE tag; anything else is taken for PEM text. */
    private static boolean pem(byte[] content) {
        return content.length == 0 || content[0] != 0x30;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TlsTrust[" + (truststore == null ? "public CAs" : truststore) + "]";
    }
}
