package dev.mayfly.agent;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.agent.WorkloadCredentials.FetchFailed;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.ServiceMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The part of the EC2 instance metadata service that AWS SDKs use for credentials, IMDSv2 style: PUT /latest/api/token
 * (X-aws-ec2-metadata-token-ttl-seconds: 1-21600) gives a session token; GET
 * /latest/meta-data/iam/security-credentials/ with it names the role, and GET .../ROLE answers the credentials.
 * Requests without a session token (IMDSv1) are refused unless allowed; a token PUT that came through a proxy
 * (X-Forwarded-For) is refused, as IMDS does, so that a forwarding proxy cannot hand out tokens.
 *
 * <p>The credentials live in memory only (CredentialsCache) and are refreshed in the background well before they expire.
 *
 * <p>It is served by {@link HttpService}, like the services, for its limits on slow and greedy clients (a handful of
 * clients trickling their headers would otherwise hold its threads for ever); that also answers GET /healthz. It serves no
 * /metrics: the services serve theirs on a management listener, never to the clients of the port, and the agent's
 * clients are whatever runs on its host.
 */
public final class MetadataAgent implements AutoCloseable {

    public static final String TOKEN_PATH = "/latest/api/token";
    public static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";
    public static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    public static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    static final int MAX_TTL_SECONDS = 21600;
    /** Bounds the memory session tokens take: IMDS clients ask for one per few hours, not per call. */
    static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CredentialsCache credentials;
    private final Supplier<Instant> clock;
    private final boolean allowImdsV1;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final ServiceMetrics metrics = new ServiceMetrics("agent");
    private final HttpService http;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mayfly-agent-refresh");
        thread.setDaemon(true);
        return thread;
    });

    public MetadataAgent(CredentialsCache credentials, Supplier<Instant> clock, boolean allowImdsV1, InetSocketAddress address)
            throws IOException {
        this.credentials = credentials;
        this.clock = clock;
        this.allowImdsV1 = allowImdsV1;
        this.http = new HttpService("agent", address.getHostString(), address.getPort(), () -> true, metrics).route("/", this::handle);
    }

    /** Serves, and refreshes the credentials in the background: checked every period, fetched when their time has come. */
    public MetadataAgent start(Duration refreshCheck) {
        http.start();
        refresher.scheduleWithFixedDelay(() -> {
            try {
                credentials.current();
            } catch (FetchFailed e) {
                // told to the progress listener already; the next check tries again
            }
        }, 0, refreshCheck.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public int port() {
        return http.port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(TOKEN_PATH)) {
            if (!method.equals("PUT")) {
                send(exchange, 405, "text/plain", "Method Not Allowed");
                return;
            }
            issueToken(exchange);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(exchange, 405, "text/plain", "Method Not Allowed");
            return;
        }
        if (!authorized(exchange)) {
            send(exchange, 401, "text/plain", "Unauthorized");
            return;
        }
        serveMetadata(exchange, path);
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().containsKey("X-Forwarded-For")) {
            send(exchange, 403, "text/plain", "Forbidden");
            return;
        }
        String ttlHeader = exchange.getRequestHeaders().getFirst(TTL_HEADER);
        int ttl = ttlHeader != null && ttlHeader.matches("\\d{1,5}") ? Integer.parseInt(ttlHeader) : -1;
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            send(exchange, 400, "text/plain", "Bad Request");
            return;
        }
        Instant now = clock.get();
        sessions.values().removeIf(expiry -> !expiry.isAfter(now));
        if (sessions.size() >= MAX_SESSIONS) {
            send(exchange, 503, "text/plain", "Service Unavailable");
            return;
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        sessions.put(token, now.plusSeconds(ttl));
        exchange.getResponseHeaders().add(TTL_HEADER, Integer.toString(ttl));
        send(exchange, 200, "text/plain", token);
    }

    private boolean authorized(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (token == null) {
            return allowImdsV1;
        }
        Instant expiry = sessions.get(token);
        return expiry != null && expiry.isAfter(clock.get());
    }

    private void serveMetadata(HttpExchange exchange, String path) throws IOException {
        if (!path.startsWith(CREDENTIALS_PATH)) {
            send(exchange, 404, "text/plain", "Not Found");
            return;
        }
        WorkloadCredentials current;
        try {
            current = credentials.current();
        } catch (FetchFailed e) {
            send(exchange, 503, "text/plain", e.getMessage());
            return;
        }
        String role = path.substring(CREDENTIALS_PATH.length());
        if (role.isEmpty()) {
            send(exchange, 200, "text/plain", current.roleName());
        } else if (role.equals(current.roleName())) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Code", "Success");
            answer.put("LastUpdated", current.issuedAt().truncatedTo(ChronoUnit.SECONDS).toString());
            answer.put("Type", "AWS-HMAC");
            answer.put("AccessKeyId", current.accessKeyId());
            answer.put("SecretAccessKey", current.secretAccessKey());
            answer.put("Token", current.sessionToken());
            answer.put("Expiration", current.expiration().toString());
            send(exchange, 200, "application/json", Json.mapper().writeValueAsString(answer));
        } else {
            send(exchange, 404, "text/plain", "Not Found");
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        http.close();
        metrics.close();
    }
}
