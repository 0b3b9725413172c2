package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HttpServiceTest {

    private static final int CLIENTS = 400;

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
                HttpService service = new HttpService("test", "127.0.0.1", 0, () -> true, metrics).start()) {
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
}
