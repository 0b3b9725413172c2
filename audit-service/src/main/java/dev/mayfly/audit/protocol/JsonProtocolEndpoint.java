package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST / in AWS's JSON 1.1 protocol, the operation named by X-Amz-Target: CloudTrail's own
 * ({@code CloudTrail_20131101.LookupEvents}, so that {@code aws cloudtrail lookup-events --endpoint-url ...} and the
 * SDKs' CloudTrail clients work) and Mayfly's ({@code MayflyAudit_20261201.*}). The issuer authenticates and
 * authorizes; an operation always answers within the caller's own account. Each call, accepted or refused, is itself
 * recorded (eventSource cloudtrail.amazonaws.com), as CloudTrail records its own API.
 */
public final class JsonProtocolEndpoint implements HttpHandler {

    public static final String CLOUDTRAIL_PREFIX = "CloudTrail_20131101.";
    public static final String MAYFLY_PREFIX = "MayflyAudit_20261201.";
    static final String EVENT_SOURCE = "cloudtrail.amazonaws.com";
    /** Newer AWS CLIs and SDKs send the operation's full Smithy shape id. */
    private static final String QUALIFIED_PREFIX = "com.amazonaws.cloudtrail.v20131101.";
    private static final Logger LOG = LoggerFactory.getLogger(JsonProtocolEndpoint.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final RemoteAuthorizer authorizer;
    private final Map<String, JsonOperation> operations = new LinkedHashMap<>();
    private final ApiCallSender recorder;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public JsonProtocolEndpoint(RemoteAuthorizer authorizer, ApiCallSender recorder, ServiceMetrics metrics, Clock clock) {
        this.authorizer = authorizer;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Serves an operation under the X-Amz-Target of its API's prefix and its name, for example
     * {@code CloudTrail_20131101.LookupEvents}.
     */
    public JsonProtocolEndpoint operation(String prefix, JsonOperation operation) {
        operations.put(prefix + operation.name(), operation);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = RandomUuids.nextString();
        Map<String, String> headers = Map.of("x-amzn-RequestId", requestId);
        Call call = new Call(requestId, clock.instant(), exchange);
        long started = System.nanoTime();
        try {
            if (!exchange.getRequestMethod().equals("POST")) {
                throw new JsonProtocolException("UnknownOperationException", "Only POST is supported.", 405);
            }
            byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
            JsonOperation operation = operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            call.eventName = operation.name();
            AuthorizationResult authorization = authorizer.authorize(exchange, body, "cloudtrail", operation.iamAction(), "*");
            call.identity = authorization.identity();
            if (!authorization.allowed()) {
                throw JsonProtocolException.fromIssuer(authorization.errorCode(), authorization.message(), authorization.httpStatus());
            }
            JsonNode json = parse(body);
            call.parameters.putAll(RequestParameters.of(json));
            byte[] response = Json.mapper().writeValueAsBytes(operation.handler().handle(authorization.identity().accountId(), json));
            recorder.send(call.record(null, null));
            HttpExchanges.send(exchange, 200, CONTENT_TYPE, response, headers);
            metrics.recordRequest(call.eventName, "OK", started);
        } catch (AwsServiceException e) {
            answerError(exchange, headers, call.record(e.code(), e.getMessage()), e.code(), e.getMessage(), e.httpStatus());
            metrics.recordRequest(call.eventName, e.code(), started);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", call.eventName, requestId, e);
            String message = "The audit store is unavailable. Try again later.";
            answerError(exchange, headers, call.record("ServiceUnavailableException", message), "ServiceUnavailableException", message, 503);
            metrics.recordRequest(call.eventName, "ServiceUnavailableException", started);
        }
    }

    private JsonOperation operation(String target) {
        String name = target == null ? "" : target.startsWith(QUALIFIED_PREFIX) ? target.substring(QUALIFIED_PREFIX.length()) : target;
        JsonOperation operation = operations.get(name);
        if (operation == null) {
            throw new JsonProtocolException("UnknownOperationException", "Unknown operation " + target);
        }
        return operation;
    }

    /** Records the refusal, then answers it; when even the record cannot be made durable, answers 503. */
    private void answerError(HttpExchange exchange, Map<String, String> headers, ApiCallRecorded refusal, String code,
                             String message, int status) throws IOException {
        try {
            recorder.send(refusal);
        } catch (AwsServiceException unrecorded) {
            code = "ServiceUnavailableException";
            message = unrecorded.getMessage();
            status = 503;
        }
        HttpExchanges.send(exchange, status, CONTENT_TYPE,
                Json.mapper().writeValueAsBytes(Map.of("__type", code, "message", message)), headers);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.mapper().readTree(body.length == 0 ? "{}".getBytes() : body);
            if (node == null || !node.isObject()) {
                throw new IOException("not an object");
            }
            return node;
        } catch (IOException e) {
            throw new JsonProtocolException("SerializationException", "The request body is not a JSON object.");
        }
    }

    /** What the record of a call needs, learnt as the call goes. */
    private static final class Call {
        private final String requestId;
        private final Instant at;
        private final HttpExchange exchange;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private String eventName = "UnknownOperation";
        private UserIdentity identity;

        Call(String requestId, Instant at, HttpExchange exchange) {
            this.requestId = requestId;
            this.at = at;
            this.exchange = exchange;
        }

        ApiCallRecorded record(String errorCode, String errorMessage) {
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            return new ApiCallRecorded(RandomUuids.nextString(), at, EVENT_SOURCE, eventName, "us-east-1",
                    HttpExchanges.sourceIp(exchange), userAgent == null ? null : userAgent.substring(0, Math.min(1024, userAgent.length())),
                    requestId, identity, parameters.isEmpty() ? null : Map.copyOf(parameters), null, errorCode, errorMessage,
                    List.of(), true, identity == null ? null : identity.accountId());
        }
    }
}
