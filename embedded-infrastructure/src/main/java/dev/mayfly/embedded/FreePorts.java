package dev.mayfly.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for tests that must name a port before something binds it. They come from below the kernel's
 * ephemeral range: a port the kernel handed out (bind to port 0) is free again once the probe closes, and the kernel
 * may then give it to any outgoing connection as its source port, after which the server that was to listen on it
 * fails with "Address already in use" (DevModeTest did so once in CI, with some hundred connections opened while
 * it started). Below the range only another listener can take a port, and none is handed out twice by this JVM.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < 1_000 && below - LOWEST > 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        return kernelChosen();   // no room below the ephemeral range: the small race is back, but a port all the same
    }

    /** Where the kernel starts handing out source ports (Linux's setting; its default elsewhere). */
    static int ephemeralStart() {
        try {
            // by lines: procfs answered Files.readString with its first byte only
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    /** Without SO_REUSEADDR: a port some closed connection still holds (TIME_WAIT) is passed over too. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on 127.0.0.1", e);
            }
        }
    }
}
