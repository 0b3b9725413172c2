package dev.mayfly.issuer.webidentity;

import dev.mayfly.runtime.net.AddressPolicy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * GETs one of an identity provider's documents over HTTPS, so that a URL named by whoever registered the provider
 * cannot be turned against the platform:
 * <ul>
 * <li>the host is resolved once, every address it resolves to must be allowed by the {@link AddressPolicy}, and the
 * connection goes to the address that was checked: a name that resolves to a public address for the check and to a
 * private one for the connection (DNS rebinding) gains nothing;</li>
 * <li>redirects are not followed, to any host: the redirect's target was never checked, and providers serve their
 * discovery document and JWKS where they say they do (AWS too requires them at the issuer's and jwks_uri's URLs);</li>
 * <li>one deadline covers all of it, name lookup to last byte: at the deadline the connection is closed, whatever it
 * is doing;</li>
 * <li>the body is capped while it streams ({@link HttpResponseReader}).</li>
 * </ul>
 * The JDK's HttpClient resolves names itself and bounds only the wait for the response headers, hence this small
 * HTTP/1.1 client of its own.
 */
final class ProviderHttpClient {

    private final AddressPolicy addresses;
    private final int maxDocumentBytes;

    ProviderHttpClient(AddressPolicy addresses, int maxDocumentBytes) {
        this.addresses = addresses;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * @param tls whom to trust for the provider's certificate; its host name is checked as well
     * @throws IOException when the document cannot be had within the limits, or from this address
     */
    byte[] get(URI uri, SSLContext tls, Deadline deadline) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IOException("not an https URL without user info");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        InetAddress address = checkedAddress(host, deadline);
        Socket connection = new Socket();
        Thread watchdog = Thread.ofVirtual().start(() -> closeAt(deadline, connection));
        try (connection) {
            connection.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
            SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(connection, host, port, true);
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secured.setSSLParameters(parameters);
            OutputStream out = secured.getOutputStream();
            out.write(request(uri).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return HttpResponseReader.okBody(new BufferedInputStream(secured.getInputStream()), maxDocumentBytes);
        } catch (IOException e) {
            if (deadline.passed()) {
                throw new IOException("the fetch's deadline passed", e);
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    /** The host's first address, once every address it resolves to is one the policy allows. */
    private InetAddress checkedAddress(String host, Deadline deadline) throws IOException {
        InetAddress[] resolved = resolve(host, deadline);
        for (InetAddress address : resolved) {
            if (!addresses.permits(address)) {
                throw new IOException(host + " resolves to " + address.getHostAddress()
                        + ", which is not a public address (MAYFLY_OIDC_ALLOW_PRIVATE_ADDRESSES allows such addresses)");
            }
        }
        return resolved[0];
    }

    /** The system resolver's own timeouts can be far longer than the deadline, so it is waited for only that long. */
    private static InetAddress[] resolve(String host, Deadline deadline) throws IOException {
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                lookup.complete(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                lookup.completeExceptionally(e);
            }
        });
        try {
            return lookup.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UnknownHostException(host);
        } catch (TimeoutException e) {
            throw new IOException("looking up " + host + " outlasted the fetch's deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + host);
        }
    }

    private static String request(URI uri) {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String hostHeader = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return "GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\nUser-Agent: Mayfly\r\n"
                + "Connection: close\r\n\r\n";
    }

    /** Closes the connection at the deadline, unless interrupted first (the fetch ended). */
    private static void closeAt(Deadline deadline, Socket connection) {
        try {
            Thread.sleep(deadline.remaining());
            connection.close();
        } catch (InterruptedException done) {
            // the fetch ended in time
        } catch (IOException e) {
            // the connection could not be closed, so the fetch fails on its own (or ends)
        }
    }
}
