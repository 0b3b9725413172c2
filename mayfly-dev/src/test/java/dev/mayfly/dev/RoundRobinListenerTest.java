package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mayfly.dev.RoundRobinListener.Backend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The round-robin listener of cluster dev mode, in front of small backends that say their name and echo lines. */
class RoundRobinListenerTest {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A backend: says its name on each connection, then echoes every line; its readiness probe answers `readiness`. */
    private final class NamedBackend implements AutoCloseable {
        final String name;
        final ServerSocket server;
        final HttpServer probe;
        final List<Socket> connections = new ArrayList<>();
        volatile int readiness = 200;

        NamedBackend(String name) throws IOException {
            this.name = name;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.probe = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            probe.createContext("/readyz", exchange -> {
                exchange.sendResponseHeaders(readiness, -1);
                exchange.close();
            });
            probe.start();
            Thread.ofVirtual().start(this::serve);
            opened.add(this);
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (connections) {
                        connections.add(socket);
                    }
                    Thread.ofVirtual().start(() -> echo(socket));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket socket) {
            try (socket) {
                socket.getOutputStream().write((name + "\n").getBytes(StandardCharsets.UTF_8));
                BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the test closed it
            }
        }

        Backend backend() {
            return new Backend(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                    URI.create("http://127.0.0.1:" + probe.getAddress().getPort() + "/readyz"));
        }

        /** As kill -9 would: the listening socket and every connection close at once. */
        @Override
        public void close() throws IOException {
            server.close();
            synchronized (connections) {
                for (Socket socket : connections) {
                    socket.close();
                }
            }
            probe.stop(0);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private RoundRobinListener listener(List<Backend> backends) throws IOException {
        RoundRobinListener listener = RoundRobinListener.start("127.0.0.1", 0, backends, PROBE_INTERVAL);
        opened.add(listener);
        return listener;
    }

    private static String firstLineThrough(RoundRobinListener listener) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static void awaitReadiness(RoundRobinListener listener, int backend, boolean ready) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (listener.isReady(backend) != ready) {
            assertThat(Instant.now()).as("backend %d ready=%s in time", backend, ready).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void connectionsWhenBackendsAreReadyThenEachGoesToTheNextInTurn() throws Exception {
        NamedBackend a = new NamedBackend("a");
        NamedBackend b = new NamedBackend("b");
        RoundRobinListener listener = listener(List.of(a.backend(), b.backend()));
        awaitReadiness(listener, 0, true);
        awaitReadiness(listener, 1, true);

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(firstLineThrough(listener));
        }

        assertThat(served).containsExactly("a", "b", "a", "b");
    }

    @Test
    void connectionWhenBackendRefusesThenTheNextOneServesIt() throws Exception {
        NamedBackend ready = new NamedBackend("ready");
        NamedBackend b = new NamedBackend("b");
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        // refuses connections, though its probe says ready
        Backend refusing = new Backend(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), ready.backend().readiness());
        RoundRobinListener listener = listener(List.of(refusing, b.backend()));
        awaitReadiness(listener, 0, true);

        assertThat(Arrays.asList(firstLineThrough(listener), firstLineThrough(listener), firstLineThrough(listener)))
                .containsOnly("b");
    }

    @Test
    void backendWhenProbeFailsThenLeftOutUntilReadyAgain() throws Exception {
        NamedBackend a = new NamedBackend("a");
        NamedBackend b = new NamedBackend("b");
        RoundRobinListener listener = listener(List.of(a.backend(), b.backend()));
        a.readiness = 503;
        awaitReadiness(listener, 0, false);
        awaitReadiness(listener, 1, true);

        assertThat(List.of(firstLineThrough(listener), firstLineThrough(listener), firstLineThrough(listener))).containsOnly("b");

        a.readiness = 200;
        awaitReadiness(listener, 0, true);
        assertThat(List.of(firstLineThrough(listener), firstLineThrough(listener))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void relayWhenBackendDiesThenClientConnectionEndsAndNextConnectionReachesAnother() throws Exception {
        NamedBackend a = new NamedBackend("a");
        NamedBackend b = new NamedBackend("b");
        RoundRobinListener listener = listener(List.of(a.backend(), b.backend()));
        awaitReadiness(listener, 0, true);
        awaitReadiness(listener, 1, true);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setSoTimeout(5_000);
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String name = lines.readLine();
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("ping");
            NamedBackend serving = name.equals("a") ? a : b;
            serving.close();
            assertThat(lines.readLine()).as("the relayed connection ends with its backend").isNull();

            String survivor = serving == a ? "b" : "a";
            awaitReadiness(listener, serving == a ? 0 : 1, false);
            assertThat(List.of(firstLineThrough(listener), firstLineThrough(listener))).containsOnly(survivor);
        }
    }
}
