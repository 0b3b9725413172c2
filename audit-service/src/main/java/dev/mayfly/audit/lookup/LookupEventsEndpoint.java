package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
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
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST / with X-Amz-Target CloudTrail_20131101.LookupEvents, so that {@code aws cloudtrail lookup-events
 * --endpoint-url ...} and the SDKs' CloudTrail clients work. The issuer authenticates and authorizes
 * (cloudtrail:LookupEvents); results are always limited to the caller's own account. Each call, accepted
 * or refused, is itself recorded (eventSource cloudtrail.amazonaws.com), as CloudTrail records its own API.
 */
public final class LookupEventsEndpoint implements HttpHandler {

    static final String TARGET = "CloudTrail_20131101.LookupEvents";
    static final String EVENT_SOURCE = "cloudtrail.amazonaws.com";
    /** Newer AWS CLIs and SDKs send the operation's full Smithy shape id. */
    static final String QUALIFIED_TARGET = "com.amazonaws.cloudtrail.v20131101." + TARGET;
    private static final Logger LOG = LoggerFactory.getLogger(LookupEventsEndpoint.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final RemoteAuthorizer authorizer;
    private final EventLookup lookup;
    private final ApiCallSender recorder;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public LookupEventsEndpoint(RemoteAuthorizer authorizer, ElasticsearchClient client, ApiCallSender recorder,
                                ServiceMetrics metrics, Clock clock) {
        this.authorizer = authorizer;
        this.lookup = new EventLookup(client);
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("x-amzn-RequestId", requestId);
        Instant at = clock.instant();
        long started = System.nanoTime();
        UserIdentity[] identity = new UserIdentity[1];
        Map<String, Object> parameters = new LinkedHashMap<>();
        try {
            if (!exchange.getRequestMethod().equals("POST")) {
                throw new JsonProtocolException("UnknownOperationException", "Only POST is supported.", 405);
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
            if (!TARGET.equals(target) && !QUALIFIED_TARGET.equals(target)) {
                throw new JsonProtocolException("UnknownOperationException", "Unknown operation " + target);
            }
            AuthorizationResult authorization = authorizer.authorize(exchange, body, "cloudtrail", "cloudtrail:LookupEvents", "*");
            identity[0] = authorization.identity();
            if (!authorization.allowed()) {
                throw JsonProtocolException.fromIssuer(authorization.errorCode(), authorization.message(), authorization.httpStatus());
            }
            JsonNode json = parse(body);
            parameters.putAll(requestParameters(json));
            LookupEventsRequest request = LookupEventsRequest.from(json);
            byte[] response = Json.mapper().writeValueAsBytes(lookup.lookup(authorization.identity().accountId(), request));
            recorder.send(record(requestId, at, exchange, identity[0], parameters, null, null));
            HttpExchanges.send(exchange, 200, CONTENT_TYPE, response, headers);
            metrics.recordRequest("LookupEvents", "OK", started);
        } catch (AwsServiceException e) {
            answerError(exchange, headers, record(requestId, at, exchange, identity[0], parameters, e.code(), e.getMessage()),
                    e.code(), e.getMessage(), e.httpStatus());
            metrics.recordRequest("LookupEvents", e.code(), started);
        } catch (IOException | RuntimeException e) {
            LOG.error("LookupEvents {} failed", requestId, e);
            String message = "The audit store is unavailable. Try again later.";
            answerError(exchange, headers, record(requestId, at, exchange, identity[0], parameters, "ServiceUnavailableException", message),
                    "ServiceUnavailableException", message, 503);
            metrics.recordRequest("LookupEvents", "ServiceUnavailableException", started);
        }
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

    private static ApiCallRecorded record(String requestId, Instant at, HttpExchange exchange, UserIdentity identity,
                                          Map<String, Object> parameters, String errorCode, String errorMessage) {
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        return new ApiCallRecorded(UUID.randomUUID().toString(), at, EVENT_SOURCE, "LookupEvents", "us-east-1",
                HttpExchanges.sourceIp(exchange), userAgent == null ? null : userAgent.substring(0, Math.min(1024, userAgent.length())),
                requestId, identity, parameters.isEmpty() ? null : Map.copyOf(parameters), null, errorCode, errorMessage,
                List.of(), true, identity == null ? null : identity.accountId());
    }

    /** CloudTrail's requestParameters: the request's members in lower camel case. */
    private static Map<String, Object> requestParameters(JsonNode body) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> parameters.put(
                Character.toLowerCase(field.getKey().charAt(0)) + field.getKey().substring(1),
                Json.mapper().convertValue(field.getValue(), Object.class)));
        return parameters;
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
}
