package dev.mayfly.load.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListeningProcessTest {

    @Test
    void listeningInodeWhenPortHasListenerAndConnectionsThenTheListenersInode() throws Exception {
        String table = Files.readString(ProcessTreeTest.recorded("tcp6"));

        assertThat(ListeningProcess.listeningInode(table, 0x443E)).contains(4538421L);
        assertThat(ListeningProcess.listeningInode(table, 0x6CC6)).contains(4538394L);
        assertThat(ListeningProcess.listeningInode(table, 5432)).isEqualTo(Optional.empty());
    }

    @Test
    void onPortWhenThisJvmListensThenThisProcess() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(ListeningProcess.onPort(listener.getLocalPort())).hasValue(ProcessHandle.current().pid());
        }
    }
}
