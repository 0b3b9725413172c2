package dev.mayfly.verifier;

import dev.mayfly.contract.ServiceCredential;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a verifier reaches the issuer: its URL, the verifier's own service credential (its name is the service whose
 * requests the verifier checks, and the only one the issuer grants it keys for), and the TLS context that verifies the
 * issuer's certificate. Signing keys travel on this connection, so plain http:// is accepted for a loopback issuer
 * only.
 *
 * @param issuerUrl  https://, or http:// to a loopback address
 * @param credential this verifier's own credential ({@code ./mayfly service-credential NAME})
 * @param tls        the TLS context for https:// (for example TlsTrust's), or null for the JDK's default
 */
public record IssuerConnection(URI issuerUrl, ServiceCredential credential, SSLContext tls) {

    public IssuerConnection {
        Objects.requireNonNull(issuerUrl, "issuerUrl");
        Objects.requireNonNull(credential, "credential");
        if (!"https".equals(issuerUrl.getScheme()) && !("http".equals(issuerUrl.getScheme()) && loopback(issuerUrl.getHost()))) {
            throw new IllegalArgumentException("The issuer's URL must be https:// (signing keys travel on it), or http:// to a"
                    + " loopback address: " + issuerUrl);
        }
    }

    /** The signing name of the requests this verifier checks: its credential's name. */
    public String service() {
        return credential.name();
    }

    private static boolean loopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
