package dev.mayfly.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.verifier.Verdict;
import dev.mayfly.verifier.Verifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notes service: each account has its own notebook (/notes/ACCOUNT/NAME); every request is verified locally
 * (signature, session, revocations, policies, the notebook's account) before it is served; a refusal answers 403 with
 * the verifier's reason.
 */
public final class NotesServer implements AutoCloseable {

    private static final int MAX_BODY = 64 * 1024;
    private final HttpServer server;
    private final Verifier verifier;
    private final Map<String, byte[]> notes = new ConcurrentHashMap<>();

    private NotesServer(HttpServer server, Verifier verifier) {
        this.server = server;
        this.verifier = verifier;
    }

    public static NotesServer start(Verifier verifier, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        NotesServer notes = new NotesServer(server, verifier);
        server.createContext("/notes/", notes::handle);
        server.start();
        return notes;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring("/notes/".length()).split("/", -1);
            String method = exchange.getRequestMethod();
            if (path.length != 2 || !path[0].matches("\\d{12}") || !path[1].matches("[\\w.-]{1,128}")
                    || !(method.equals("GET") || method.equals("PUT"))) {
                send(exchange, 404, "{\"Message\":\"Only GET and PUT /notes/ACCOUNT/NAME exist here.\"}");
                return;
            }
            String account = path[0];
            String name = path[1];
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY);
            RequestHeaders headers = new RequestHeaders();
            exchange.getRequestHeaders().forEach((header, values) -> values.forEach(value -> headers.add(header, value)));
            SignedRequest request = new SignedRequest(method, exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    headers, body);
            String action = method.equals("GET") ? "notes:GetNote" : "notes:PutNote";
            // a note's ARN names no account (like an S3 bucket's): the server says whose notebook it is, and the verifier
            // refuses every other account's sessions, since notes have no resource-based policy to grant them
            Verdict verdict = verifier.verify(request, action, new Resource("arn:aws:notes:::note/" + name, account, null),
                    exchange.getRemoteAddress().getAddress().getHostAddress(), exchange instanceof HttpsExchange, Map.of());
            if (!verdict.allowed()) {
                send(exchange, 403, "{\"Message\":" + quote(verdict.reason()) + "}");
                return;
            }
            if (method.equals("PUT")) {
                notes.put(account + "/" + name, body);
                send(exchange, 204, null);
            } else {
                byte[] note = notes.get(account + "/" + name);
                send(exchange, note == null ? 404 : 200, note == null ? "{\"Message\":\"No such note.\"}" : new String(note, StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
