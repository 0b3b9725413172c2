package dev.mayfly.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void nextWhenAskedThenBelowTheKernelsEphemeralRangeSoNoOutgoingConnectionTakesIt() {
        assertThat(FreePorts.ephemeralStart()).isGreaterThan(11_000);   // the ranges of Linux's defaults and of these machines
        List<Integer> ports = IntStream.range(0, 50).map(i -> FreePorts.next()).boxed().toList();

        assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(10_000, FreePorts.ephemeralStart() - 1));
    }

    @Test
    void nextWhenAskedManyTimesThenNeverTheSamePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(ports.add(FreePorts.next())).isTrue();
        }
    }

    @Test
    void nextWhenHandedOutThenALoopbackServerCanListenOnIt() throws Exception {
        int port = FreePorts.next();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
