package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpServiceTest {

    private static final int CLIENTS = 400;
    /**
     * Every test's limits: the JDK's server reads its own once per JVM, so all tests here share them. Two seconds to send a
     * request; refusals are awaited for {@link #REFUSAL_WITHIN_MILLIS}, which proves "cut off" without timing it closely. A
     * source's request counts until its handler's thread has finished, a moment after the client has its answer: a client
     * that asks again at once may briefly have two counted, so the limit per source leaves room for that.
     */
    private static final HttpLimits LIMITS = new HttpLimits(2, CLIENTS + 100, 100, 16 * 1024, 10);
    private static final long REFUSAL_WITHIN_MILLIS = 12_000;

    /** One keep-alive connection, asking GET /healthz and reading the answer's status line and body. */
    private static final class KeepAliveClient implements AutoCloseable {
        private final Socket socket = new Socket();
        private final BufferedReader in;
        private final OutputStream out;

        KeepAliveClient(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        }

        /** @return the status line, or null when the server closed the connection instead of answering */
        String healthz() throws IOException {
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = in.readLine();
            int length = 0;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {   // the whole body, so that the next answer starts at its status line
                int chunk = in.read(body, read, length - read);
                if (chunk < 0) {
                    throw new IOException("connection closed within an answer");
                }
                read += chunk;
            }
            return status;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void serveWhenHundredsOfKeepAliveClientsIdleThenEachConnectionStillAnswersItsNextRequest() throws Exception {
        List<KeepAliveClient> clients = new ArrayList<>();
        try (ServiceMetrics metrics = new ServiceMetrics("test");
                HttpService service = start(metrics)) {
            for (int i = 0; i < CLIENTS; i++) {
                KeepAliveClient client = new KeepAliveClient(service.port());
                clients.add(client);
                assertThat(client.healthz()).isEqualTo("HTTP/1.1 200 OK");
            }

            int answered = 0;
            for (KeepAliveClient client : clients) {
                try {
                    if ("HTTP/1.1 200 OK".equals(client.healthz())) {
                        answered++;
                    }
                } catch (IOException closedByTheServer) {
                    // not answered
                }
            }

            assertThat(answered).as("connections reused after going idle").isEqualTo(CLIENTS);
        } finally {
            for (KeepAliveClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void serveWhenHeadersArriveOneByteASecondThenTheConnectionIsCutOffWithinTheLimit() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            try (RawClient slow = new RawClient(service.port(), "127.0.0.1")) {
                slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

                assertThat(slow.trickleUntilRefused()).as("answer to headers that never end").isNull();
            }
            assertServes(service.port());
            assertCounted(metrics, "headers_not_received");
        }
    }

    @Test
    void serveWhenTheBodyArrivesOneByteASecondAfterFastHeadersThenTheConnectionIsCutOffWithinTheLimit() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            service.route("/echo", exchange -> HttpExchanges.send(exchange, 200, "application/octet-stream",
                    HttpExchanges.readBody(exchange, 1_000)));
            try (RawClient slow = new RawClient(service.port(), "127.0.0.1")) {
                slow.send("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n");

                assertThat(slow.trickleUntilRefused()).as("answer to a body that never ends").isNull();
            }
            assertServes(service.port());
            assertCounted(metrics, "body_not_received");
        }
    }

    @Test
    void serveWhenAHandlerFailsThenTheClientIsAnswered500WithoutTheFailuresDetail() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            service.route("/fails", exchange -> {
                throw new IllegalStateException("a detail for the log only");
            });
            try (RawClient client = new RawClient(service.port(), "127.0.0.1")) {
                assertThat(client.body("GET /fails HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                        .as("the body of the 500, the only answer with it").isEqualTo("Internal error\n");
            }
            assertServes(service.port());
        }
    }

    @Test
    void serveWhenAHandlerEndsWithAFailedAssertionOrAStackOverflowThenTheClientIsAnswered500AndOthersServed() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            service.route("/asserts", exchange -> {
                throw new AssertionError("a library's assertion, under -ea");
            });
            service.route("/overflows", exchange -> {
                throw new StackOverflowError();
            });
            for (String path : List.of("/asserts", "/overflows")) {
                try (RawClient client = new RawClient(service.port(), "127.0.0.1")) {
                    assertThat(client.body("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                            .as(path).isEqualTo("Internal error\n");
                }
            }
            assertServes(service.port());
        }
    }

    @Test
    void serveWhenMoreHeaderNamesThanTheLimitThenTheRequestIsRefused() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < LIMITS.maxHeaders() + 50; i++) {
            headers.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
        }
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            try (RawClient client = new RawClient(service.port(), "127.0.0.1")) {
                assertThat(client.request("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n"))
                        .as("answer to too many headers").isNull();
            }
            assertServes(service.port());
        }
    }

    @Test
    void serveWhenAHeaderIsLargerThanTheLimitThenTheRequestIsRefused() throws Exception {
        String large = "X-Large: " + "a".repeat(LIMITS.maxHeaderBytes() + 1_000) + "\r\n";
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            try (RawClient client = new RawClient(service.port(), "127.0.0.1")) {
                assertThat(client.request("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + large + "\r\n"))
                        .as("answer to a header too large").isNull();
            }
            assertServes(service.port());
        }
    }

    @Test
    void serveWhenOneSourceHasMoreRequestsInFlightThanItsLimitThenItsNextIsRefusedWhileOtherSourcesAreServed() throws Exception {
        CountDownLatch held = new CountDownLatch(LIMITS.maxRequestsPerSource());
        CountDownLatch release = new CountDownLatch(1);
        List<RawClient> holders = new ArrayList<>();
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            service.route("/hold", exchange -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                HttpExchanges.send(exchange, 200, "text/plain", new byte[0]);
            });
            try {
                for (int i = 0; i < LIMITS.maxRequestsPerSource(); i++) {
                    RawClient holder = new RawClient(service.port(), "127.0.0.1");
                    holders.add(holder);
                    holder.send("GET /hold HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                }
                assertThat(held.await(10, TimeUnit.SECONDS)).as("requests held").isTrue();

                try (RawClient sameSource = new RawClient(service.port(), "127.0.0.1");
                        RawClient otherSource = new RawClient(service.port(), "127.0.0.2")) {
                    assertThat(sameSource.request(HEALTHZ)).isEqualTo("HTTP/1.1 429");
                    assertThat(otherSource.request(HEALTHZ)).isEqualTo("HTTP/1.1 200 OK");
                }
                release.countDown();
                for (RawClient holder : holders) {
                    assertThat(holder.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                }
            } finally {
                release.countDown();
                for (RawClient holder : holders) {
                    holder.close();
                }
            }
            assertServes(service.port());
            assertCounted(metrics, "too_many_requests_from_source");
        }
    }

    @Test
    void serveWhenMoreConnectionsThanTheTotalLimitThenNewOnesAreClosedWhileOpenOnesAreServed() throws Exception {
        List<KeepAliveClient> clients = new ArrayList<>();
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            try {
                for (int i = 0; i < LIMITS.maxConnections(); i++) {
                    KeepAliveClient client = new KeepAliveClient(service.port());
                    clients.add(client);
                    assertThat(client.healthz()).isEqualTo("HTTP/1.1 200 OK");
                }

                try (RawClient beyondTheLimit = new RawClient(service.port(), "127.0.0.2")) {
                    assertThat(beyondTheLimit.request(HEALTHZ)).as("answer on a connection beyond the limit").isNull();
                }
                assertThat(clients.getFirst().healthz()).isEqualTo("HTTP/1.1 200 OK");
            } finally {
                for (KeepAliveClient client : clients) {
                    client.close();
                }
            }
            assertServes(service.port());
        }
    }

    @Test
    void probesWhenADependencyIsAwayThenLivez200AndReadyzAndHealthz503() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test");
                HttpService service = new HttpService("test", "127.0.0.1", 0, Optional.empty(),
                        () -> new ServiceHealth(ServiceHealth.Status.STARTING, Map.of("kafka", "unreachable")), metrics, LIMITS,
                        TrustedProxies.NONE).start()) {
            assertThat(get(service.port(), "/livez")).isEqualTo(new Answer(200, "{\"status\":\"LIVE\",\"service\":\"test\"}"));
            Answer ready = new Answer(503, "{\"status\":\"STARTING\",\"service\":\"test\",\"kafka\":\"unreachable\"}");
            assertThat(get(service.port(), "/readyz")).isEqualTo(ready);
            assertThat(get(service.port(), "/healthz")).as("the readiness probe's older name").isEqualTo(ready);
        }
    }

    @Test
    void probesWhenDrainingStartsThenEach503SayingStopping() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test"); HttpService service = start(metrics)) {
            assertThat(get(service.port(), "/readyz").status()).isEqualTo(200);

            service.startDraining();

            assertThat(get(service.port(), "/livez")).isEqualTo(new Answer(503, "{\"status\":\"STOPPING\",\"service\":\"test\"}"));
            assertThat(get(service.port(), "/readyz")).isEqualTo(new Answer(503, "{\"status\":\"STOPPING\",\"service\":\"test\"}"));
            assertThat(get(service.port(), "/healthz").status()).isEqualTo(503);
        }
    }

    @Test
    void closeWhenARequestIsInFlightThenItIsAnsweredWhileNewConnectionsAreRefused() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ServiceMetrics metrics = new ServiceMetrics("test")) {
            HttpService service = new HttpService("test", "127.0.0.1", 0, Optional.empty(), () -> ServiceHealth.of(true), metrics, LIMITS,
                    TrustedProxies.NONE, Duration.ofSeconds(30)).start();
            service.route("/slow", exchange -> {
                handling.countDown();
                awaitQuietly(release);
                HttpExchanges.send(exchange, 200, "text/plain", "finished\n".getBytes(StandardCharsets.UTF_8));
            });
            int port = service.port();
            try (RawClient inFlight = new RawClient(port, "127.0.0.1")) {
                inFlight.send("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                assertThat(handling.await(10, TimeUnit.SECONDS)).as("the slow request is being handled").isTrue();

                long closing = System.nanoTime();
                Thread closer = Thread.ofVirtual().start(service::close);
                assertThat(refusedWithin(port, Duration.ofSeconds(5))).as("a new connection once draining started").isTrue();
                assertThat(closer.isAlive()).as("close() waits for the request in flight").isTrue();

                release.countDown();
                assertThat(inFlight.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                closer.join(Duration.ofSeconds(10));
                assertThat(closer.isAlive()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("stopped once nothing was in flight, well before the bound")
                        .isLessThan(Duration.ofSeconds(15));
            } finally {
                release.countDown();
                service.close();
            }
        }
    }

    @Test
    void closeWhenARequestOutlastsTheDrainBoundThenItsConnectionIsClosedAtTheBound() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (ServiceMetrics metrics = new ServiceMetrics("test")) {
            HttpService service = new HttpService("test", "127.0.0.1", 0, Optional.empty(), () -> ServiceHealth.of(true), metrics, LIMITS,
                    TrustedProxies.NONE, Duration.ofSeconds(1)).start();
            service.route("/stuck", exchange -> {
                handling.countDown();
                awaitQuietly(never);
                HttpExchanges.send(exchange, 200, "text/plain", new byte[0]);
            });
            try (RawClient stuck = new RawClient(service.port(), "127.0.0.1")) {
                stuck.send("GET /stuck HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();

                long closing = System.nanoTime();
                service.close();

                assertThat(Duration.ofNanos(System.nanoTime() - closing)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
                assertThat(stuck.statusLine()).as("no answer, the connection closed").isNull();
            } finally {
                never.countDown();
            }
        }
    }

    @Test
    void closeWhenNeverStartedThenReturnsAtOnce() throws Exception {
        try (ServiceMetrics metrics = new ServiceMetrics("test")) {
            HttpService service = new HttpService("test", "127.0.0.1", 0, Optional.empty(), () -> ServiceHealth.of(true), metrics, LIMITS,
                    TrustedProxies.NONE, Duration.ofSeconds(30));
            long closing = System.nanoTime();

            service.close();

            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once a connection to the port is refused, false when it is still accepted after the wait. */
    private static boolean refusedWithin(int port, Duration wait) throws InterruptedException {
        long giveUp = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < giveUp) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            } catch (IOException refused) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private record Answer(int status, String body) {
    }

    private static Answer get(int port, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private static HttpService start(ServiceMetrics metrics) throws IOException {
        return new HttpService("test", "127.0.0.1", 0, Optional.empty(), () -> ServiceHealth.of(true), metrics, LIMITS, TrustedProxies.NONE).start();
    }

    /**
     * The server is not stuck: a new connection is answered. Connections just closed may take a moment to leave the server's
     * count of open ones, and a request just answered its source's count of requests at once (the count drops when the
     * handler returns, just after the answer left), so a connection closed at once, or a 429, is tried again.
     */
    private static void assertServes(int port) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String status = null;
        while (!"HTTP/1.1 200 OK".equals(status) && System.nanoTime() < giveUp) {
            try (RawClient client = new RawClient(port, "127.0.0.1")) {
                status = client.request(HEALTHZ);
            }
            if (!"HTTP/1.1 200 OK".equals(status)) {
                Thread.sleep(100);
            }
        }
        assertThat(status).isEqualTo("HTTP/1.1 200 OK");
    }

    /** A refusal is counted once its handler has finished, which may be just after its client saw the connection closed. */
    private static void assertCounted(ServiceMetrics metrics, String reason) throws Exception {
        String counted = "mayfly_http_refusals_total{reason=\"" + reason + "\",service=\"test\"} 1.0";
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < giveUp && !metrics.scrape().contains(counted)) {
            Thread.sleep(100);
        }
        assertThat(metrics.scrape()).contains(counted);
    }

    /** One connection written to and read from byte by byte, from a chosen local address. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        RawClient(int port, String localAddress) throws IOException {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** @return the answer's status line, or null when the server closed the connection instead */
        String request(String text) throws IOException {
            try {
                send(text);
                return statusLine();
            } catch (SocketException closedByTheServer) {
                return null;
            }
        }

        /** @return the status line, or null when the connection was closed before one came */
        String statusLine() throws IOException {
            try {
                return line();
            } catch (SocketException closedByTheServer) {
                return null;
            }
        }

        /** The whole answer's body, read to the end of a connection the request asks to close. */
        String body(String text) throws IOException {
            send(text);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }

        /**
         * Sends one byte a second until the server refuses, failing after {@link #REFUSAL_WITHIN_MILLIS}.
         *
         * @return the status line of the server's answer, or null when it closed the connection
         */
        String trickleUntilRefused() throws IOException {
            socket.setSoTimeout(1_000);
            long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSAL_WITHIN_MILLIS);
            while (System.nanoTime() < giveUp) {
                try {
                    out.write('a');
                    out.flush();
                    return line();
                } catch (SocketTimeoutException stillWaiting) {
                    // a second has passed with the connection open: the next byte
                } catch (SocketException closedByTheServer) {
                    return null;
                }
            }
            throw new AssertionError("still open after " + REFUSAL_WITHIN_MILLIS + " ms");
        }

        /** @return one line without its CRLF, or null at the end of the stream */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    return line.toString().stripTrailing();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
