package dev.mayfly.load;

import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignedRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The load generators' HTTP/1.1 client: blocking exchanges (callers are virtual threads) on kept-alive plain sockets,
 * one exchange at a time per connection. The JDK's HttpClient cost the load generator more CPU per AssumeRole (its
 * selector thread, executor and futures) than the issuer spent answering it; on a machine the load shares with the
 * platform, that CPU was taken from what was being measured. Plain HTTP only, as ./mayfly dev serves.
 */
public final class KeepAliveHttp implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private final String host;
    private final int port;
    /** The local address connections start from; null for the system's choice. */
    private final InetAddress source;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    /**
     * An answer: its status, its body as text, and the request id it carries (x-amzn-RequestId), null when it has none.
     */
    public record Reply(int status, String body, String requestId) {
    }

    KeepAliveHttp(URI endpoint) {
        this(endpoint, null);
    }

    /**
     * @param source the local address to connect from, null for the system's choice: limits kept per source address
     *               (refusals of unauthenticated calls) then count this client apart from others on the same machine
     */
    KeepAliveHttp(URI endpoint, InetAddress source) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the load generator speaks plain HTTP, not " + endpoint.getScheme() + ": " + endpoint);
        }
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.source = source;
    }

    /** Sends an unsigned POST (a search, say) and reads the answer, as {@link #send} does. */
    Reply post(String path, String contentType, byte[] body) throws IOException {
        return send(new SignedRequest("POST", path, "", new RequestHeaders().add("Host", host + ":" + port).add("Content-Type", contentType),
                body));
    }

    /**
     * Sends a signed request (its Host header included) and reads the answer. A kept-alive connection the server closed
     * while it was idle fails before any byte of an answer: the request goes again once, on a new connection.
     */
    Reply send(SignedRequest request) throws IOException {
        Connection reused = idle.pollFirst();
        if (reused != null) {
            try {
                return exchange(reused, request);
            } catch (StaleConnection e) {
                // closed by the server while idle: once more, on a new connection
            }
        }
        return exchange(new Connection(host, port, source), request);
    }

    private Reply exchange(Connection connection, SignedRequest request) throws IOException {
        try {
            Reply reply = connection.exchange(request);
            if (connection.keepAlive) {
                idle.addFirst(connection);
            } else {
                connection.close();
            }
            return reply;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }

    /** The server closed the connection before answering anything. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("the server closed the connection before answering");
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean keepAlive = true;

        Connection(String host, int port, InetAddress source) throws IOException {
            socket = new Socket();
            try {
                if (source != null) {
                    socket.bind(new InetSocketAddress(source, 0));
                }
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        Reply exchange(SignedRequest request) throws IOException {
            StringBuilder head = new StringBuilder(1024).append(request.method()).append(' ').append(request.path());
            if (!request.rawQuery().isEmpty()) {
                head.append('?').append(request.rawQuery());
            }
            head.append(" HTTP/1.1\r\n");
            for (String name : request.headers().names()) {
                for (String value : request.headers().all(name)) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            }
            head.append("content-length: ").append(request.body().length).append("\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] message = new byte[headBytes.length + request.body().length];
            System.arraycopy(headBytes, 0, message, 0, headBytes.length);
            System.arraycopy(request.body(), 0, message, headBytes.length, request.body().length);
            awaitAnswer(message);
            String statusLine = line();
            String[] status = statusLine.split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            long length = -1;
            boolean chunked = false;
            String requestId = null;
            keepAlive = !status[0].equals("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                    case "x-amzn-requestid" -> requestId = value;
                    default -> {
                        // not needed to read the answer
                    }
                }
            }
            byte[] body = chunked ? chunkedBody() : length >= 0 ? exactly(length) : untilClosed();
            return new Reply(Integer.parseInt(status[1]), new String(body, StandardCharsets.UTF_8), requestId);
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int extension = size.indexOf(';');
                long chunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (chunk == 0) {
                    while (!line().isEmpty()) {
                        // trailers: none needed
                    }
                    return body.toByteArray();
                }
                body.write(exactly(chunk));
                line();
            }
        }

        private byte[] exactly(long length) throws IOException {
            byte[] bytes = in.readNBytes(Math.toIntExact(length));
            if (bytes.length < length) {
                throw new EOFException("the answer ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        }

        private byte[] untilClosed() throws IOException {
            keepAlive = false;
            return in.readAllBytes();
        }

        /**
         * Writes the request and waits for the answer's first byte. A connection the server closed while it was idle
         * fails in between, by a reset or an end of stream; a slow answer (the read timeout) is not that.
         */
        private void awaitAnswer(byte[] message) throws IOException {
            int first;
            try {
                out.write(message);
                out.flush();
                in.mark(1);
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new StaleConnection();
            }
            if (first < 0) {
                throw new StaleConnection();
            }
            in.reset();
        }

        /** One header line, without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException("the answer ended in its headers");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
