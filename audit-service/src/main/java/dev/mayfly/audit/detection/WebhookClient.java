package dev.mayfly.audit.detection;

import dev.mayfly.runtime.net.AddressPolicy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * POSTs a finding to a tenant's webhook, a URL the tenant chose, so that it cannot be turned against the platform: the
 * host is resolved once and every address must be one the {@link AddressPolicy} allows, the connection goes to the
 * address checked (no DNS rebinding), redirects are not followed, one deadline covers everything from the lookup to the
 * last byte, and no more than {@link #MAX_RESPONSE_BYTES} of the answer is read: only its status counts.
 */
final class WebhookClient {

    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private final AddressPolicy addresses;
    private final Duration timeout;
    private final SSLContext tls;

    WebhookClient(AddressPolicy addresses, Duration timeout, SSLContext tls) {
        this.addresses = addresses;
        this.timeout = timeout;
        this.tls = tls;
    }

    /**
     * @return the HTTP status the webhook answered
     * @throws IOException when there was no answer within the deadline, or the URL's host is not an allowed address
     */
    int post(URI url, Map<String, String> headers, byte[] body) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
        InetAddress address = checkedAddress(host, deadline);
        Socket connection = new Socket();
        Thread watchdog = Thread.ofVirtual().start(() -> closeAt(deadline, connection));
        try (connection) {
            connection.connect(new InetSocketAddress(address, port), (int) remainingMillis(deadline));
            Socket channel = connection;
            if (https) {
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(connection, host, port, true);
                SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secured.setSSLParameters(parameters);
                channel = secured;
            }
            OutputStream out = channel.getOutputStream();
            out.write(head(url, headers, body.length).getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return status(new BufferedInputStream(channel.getInputStream()));
        } catch (IOException e) {
            if (!Instant.now().isBefore(deadline)) {
                throw new IOException("no answer within " + timeout.toSeconds() + " s");
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private InetAddress checkedAddress(String host, Instant deadline) throws IOException {
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                lookup.complete(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                lookup.completeExceptionally(e);
            }
        });
        InetAddress[] resolved;
        try {
            resolved = lookup.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("unknown host " + host);
        } catch (TimeoutException e) {
            throw new IOException("looking up " + host + " took too long");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + host);
        }
        for (InetAddress address : resolved) {
            if (!addresses.permits(address)) {
                throw new IOException(host + " resolves to " + address.getHostAddress() + ", which is not a public address");
            }
        }
        return resolved[0];
    }

    private static String head(URI url, Map<String, String> headers, int length) {
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\nHost: ").append(url.getHost())
                .append(url.getPort() == -1 ? "" : ":" + url.getPort()).append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(length).append("\r\nUser-Agent: Mayfly-Detections\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    /** The status of the answer's first line; the rest is read up to the bound and left. */
    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int read = 0;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (++read > MAX_RESPONSE_BYTES) {
                throw new IOException("an answer without a status line");
            }
            line.append((char) b);
        }
        String[] parts = line.toString().strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP answer");
        }
        in.skipNBytes(Math.min(in.available(), MAX_RESPONSE_BYTES));
        return Integer.parseInt(parts[1]);
    }

    private static long remainingMillis(Instant deadline) {
        return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }

    /** Closes the connection at the deadline, unless interrupted first (the post ended). */
    private static void closeAt(Instant deadline, Socket connection) {
        try {
            long millis = Duration.between(Instant.now(), deadline).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
            connection.close();
        } catch (InterruptedException done) {
            // answered in time
        } catch (IOException e) {
            // the post fails or ends on its own
        }
    }
}
