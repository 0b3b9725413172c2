package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST / with X-Amz-Target CloudTrail_20131101.LookupEvents, so that {@code aws cloudtrail lookup-events
 * --endpoint-url ...} and the SDKs' CloudTrail clients work. The issuer authenticates and authorizes
 * (cloudtrail:LookupEvents); results are always limited to the caller's own account.
 */
public final class LookupEventsEndpoint implements HttpHandler {

    static final String TARGET = "CloudTrail_20131101.LookupEvents";
    /** Newer AWS CLIs and SDKs send the operation's full Smithy shape id. */
    static final String QUALIFIED_TARGET = "com.amazonaws.cloudtrail.v20131101." + TARGET;
    private static final Logger LOG = LoggerFactory.getLogger(LookupEventsEndpoint.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final RemoteAuthorizer authorizer;
    private final EventLookup lookup;

    public LookupEventsEndpoint(RemoteAuthorizer authorizer, ElasticsearchClient client) {
        this.authorizer = authorizer;
        this.lookup = new EventLookup(client);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("x-amzn-RequestId", requestId);
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
            if (!authorization.allowed()) {
                throw JsonProtocolException.fromIssuer(authorization.errorCode(), authorization.message(), authorization.httpStatus());
            }
            LookupEventsRequest request = LookupEventsRequest.from(parse(body));
            byte[] response = Json.mapper().writeValueAsBytes(lookup.lookup(authorization.identity().accountId(), request));
            HttpExchanges.send(exchange, 200, CONTENT_TYPE, response, headers);
        } catch (AwsServiceException e) {
            HttpExchanges.send(exchange, e.httpStatus(), CONTENT_TYPE,
                    Json.mapper().writeValueAsBytes(Map.of("__type", e.code(), "message", e.getMessage())), headers);
        } catch (IOException | RuntimeException e) {
            LOG.error("LookupEvents {} failed", requestId, e);
            HttpExchanges.send(exchange, 503, CONTENT_TYPE, Json.mapper().writeValueAsBytes(
                    Map.of("__type", "ServiceUnavailableException", "message", "The audit store is unavailable. Try again later.")), headers);
        }
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
