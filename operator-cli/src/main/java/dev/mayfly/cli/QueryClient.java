package dev.mayfly.cli;

import dev.mayfly.runtime.TlsTrust;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A minimal signed HTTP client, signing with Mayfly's own SigV4 signer: AWS Query-protocol calls (STS and IAM), JSON 1.1
 * calls (CloudTrail and Mayfly's audit operations) and the JSON calls of Mayfly's own APIs (revocation rules).
 */
public final class QueryClient {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");
    /** Five attempts, waits doubling from 200 ms with jitter, as the AWS SDKs back off from a Throttling answer. */
    private static final int MAX_ATTEMPTS = 5;
    private static final long BASE_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 20_000;
    /** Throttling (a rate used up) or, from the audit API, ThrottlingException (too many of an account's calls at once). */
    private static final Pattern THROTTLING = Pattern.compile(
            "<Code>Throttling</Code>|\"__type\"\\s*:\\s*\"(?:[^\"#]*#)?Throttling(?:Exception)?\"");
    private final HttpClient http;
    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    public QueryClient(URI endpoint, String accessKeyId, String secretAccessKey) {
        this(endpoint, new CliCredentials(accessKeyId, secretAccessKey, null));
    }

    /** A client of a service on http://, or on https:// with a certificate a public CA signed. */
    public QueryClient(URI endpoint, CliCredentials credentials) {
        this(endpoint, credentials, TlsTrust.PUBLIC_CAS);
    }

    /** @param trust what an https:// endpoint's certificate is verified against (MAYFLY_TLS_TRUSTSTORE) */
    public QueryClient(URI endpoint, CliCredentials credentials, TlsTrust trust) {
        this.http = trust.httpClient().version(HttpClient.Version.HTTP_1_1).build();
        this.endpoint = endpoint;
        this.accessKeyId = credentials.accessKeyId();
        this.secretAccessKey = credentials.secretAccessKey();
        this.sessionToken = credentials.sessionToken();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Calls an action; the response, whatever its status. */
    public HttpResponse<String> call(String service, String version, String action, Map<String, String> parameters)
            throws IOException, InterruptedException {
        return sendRetryingThrottled(() -> signedCall(service, version, action, parameters));
    }

    /** An action's request, signed now, for a client of the caller's choice to send. */
    public SignedRequest signedCall(String service, String version, String action, Map<String, String> parameters) {
        StringJoiner form = new StringJoiner("&").add("Action=" + action).add("Version=" + version);
        parameters.forEach((name, value) -> form.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return signed("POST", "/", new RequestHeaders().add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                form.toString().getBytes(StandardCharsets.UTF_8), service);
    }

    /** A JSON call of a Mayfly API; the response, whatever its status. */
    public HttpResponse<String> json(String method, String path, String json, String service) throws IOException, InterruptedException {
        return sendRetryingThrottled(() -> signed(method, path, new RequestHeaders().add("Content-Type", "application/json"),
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8), service));
    }

    /** An operation of AWS's JSON 1.1 protocol (X-Amz-Target), as CloudTrail speaks it; the response, whatever its status. */
    public HttpResponse<String> target(String target, String json, String service) throws IOException, InterruptedException {
        return sendRetryingThrottled(() -> signed("POST", "/", new RequestHeaders().add("Content-Type", "application/x-amz-json-1.1")
                .add("X-Amz-Target", target), json.getBytes(StandardCharsets.UTF_8), service));
    }

    private SignedRequest signed(String method, String path, RequestHeaders headers, byte[] body, String service) {
        return signed(method, path, "", headers, body, service);
    }

    /** Any request, signed now, as it is given: for what the calls above cannot build (a fuzzer's garbage, signed). */
    public SignedRequest signed(String method, String path, String rawQuery, RequestHeaders headers, byte[] body, String service) {
        SignedRequest request = new SignedRequest(method, path, rawQuery, headers.add("Host", endpoint.getAuthority()), body);
        SigV4Signer.sign(request, accessKeyId, secretAccessKey, sessionToken, "us-east-1", service, Instant.now());
        return request;
    }

    /**
     * Sends the request, signed anew for each attempt, and again after a pause while the answer is Throttling (the
     * account's request rate used up), as the AWS SDKs retry it: a command that pages through a long trail goes on at
     * the rate the service allows instead of failing half-way. The last answer is returned, whatever it is.
     */
    private HttpResponse<String> sendRetryingThrottled(Supplier<SignedRequest> request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request.get());
        for (int attempt = 1; attempt < MAX_ATTEMPTS && throttled(response); attempt++) {
            long ceiling = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << attempt);
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
            response = send(request.get());
        }
        return response;
    }

    /** A Throttling answer in any of the protocols: the Query protocol's XML error or the JSON protocols' __type. */
    static boolean throttled(HttpResponse<String> response) {
        return response.statusCode() == 400 && THROTTLING.matcher(response.body()).find();
    }

    private HttpResponse<String> send(SignedRequest request) throws IOException, InterruptedException {
        byte[] body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(request.path()))
                .method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : request.headers().names()) {
            if (!RESTRICTED.contains(name)) {
                request.headers().all(name).forEach(value -> builder.header(name, value));
            }
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text of the first element with this name in an XML answer. */
    public static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        if (start < 0 || end < start) {
            throw new IllegalStateException("no " + name + " in the answer: " + xml);
        }
        return xml.substring(start + name.length() + 2, end);
    }
}
