package dev.mayfly.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuers' one address in cluster dev mode: a plain TCP proxy that hands each new connection to the next backend in
 * turn, as a load balancer in front of several issuers would. A backend that refuses the connection is skipped (the next
 * one is tried at once), and one whose readiness probe does not answer 200 is left out until it does again; when every
 * backend is out, all are tried, so that a probe that has not run yet turns nothing away. A connection already handed to
 * a backend that dies is closed, as a real balancer's would be: the client's request in flight fails, and the SDKs retry
 * it on a new connection, which goes to a live backend.
 */
final class RoundRobinListener implements AutoCloseable {

    /**
     * @param address   where the backend serves
     * @param readiness its readiness probe (GET, 200 when it takes requests), on its management port
     */
    record Backend(InetSocketAddress address, URI readiness) {
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final ServerSocket server;
    private final List<Backend> backends;
    private final boolean[] ready;
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient probes = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private volatile boolean closed;

    private RoundRobinListener(ServerSocket server, List<Backend> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
        this.ready = new boolean[backends.size()];
    }

    /** Listens on host:port (0: any free port) and probes every backend each probeInterval. */
    static RoundRobinListener start(String host, int port, List<Backend> backends, Duration probeInterval) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
        RoundRobinListener listener = new RoundRobinListener(server, backends);
        Thread.ofVirtual().name("round-robin-accept").start(listener::accept);
        Thread.ofVirtual().name("round-robin-probe").start(() -> listener.probe(probeInterval));
        return listener;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Whether the last probe found this backend ready. */
    synchronized boolean isReady(int backend) {
        return ready[backend];
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("round-robin-connection").start(() -> relay(client));
            } catch (IOException e) {
                // closed, or one failed accept: the loop's condition tells which
            }
        }
    }

    private void relay(Socket client) {
        Socket backend = connectToNext();
        if (backend == null) {
            closeQuietly(client);
            return;
        }
        try {
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
        } catch (IOException e) {
            // latency only
        }
        Thread upstream = Thread.ofVirtual().name("round-robin-upstream").start(() -> pump(client, backend));
        pump(backend, client);
        try {
            upstream.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(backend);
    }

    /** A connection to the next backend in turn that accepts one, or null when none does. */
    private Socket connectToNext() {
        int start = Math.floorMod(next.getAndIncrement(), backends.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            order.add((start + i) % backends.size());
        }
        List<Integer> candidates = order.stream().filter(this::isReady).toList();
        for (int backend : candidates.isEmpty() ? order : candidates) {
            Socket socket = new Socket();
            try {
                socket.connect(backends.get(backend).address(), (int) CONNECT_TIMEOUT.toMillis());
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /**
     * Copies from one side to the other until the sender closes (then closes the receiver's half, as TCP would) or
     * either side fails (then closes both, so that the other direction ends too).
     */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void probe(Duration interval) {
        while (!closed) {
            for (int i = 0; i < backends.size(); i++) {
                boolean answered = answers200(backends.get(i).readiness());
                synchronized (this) {
                    ready[i] = answered;
                }
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean answers200(URI readiness) {
        try {
            return probes.send(HttpRequest.newBuilder(readiness).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops accepting; connections already relayed end with their sides. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
