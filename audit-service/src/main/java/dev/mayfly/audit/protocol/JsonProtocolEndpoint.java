package dev.mayfly.audit.protocol;

import dev.mayfly.contract.SigningNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST / in AWS's JSON 1.1 protocol, the operation named by X-Amz-Target: CloudTrail's own
 * ({@code CloudTrail_20131101.LookupEvents}, so that {@code aws cloudtrail lookup-events --endpoint-url ...} and the
 * SDKs' CloudTrail clients work) and Mayfly's ({@code MayflyAudit_20261201.*}). The issuer authenticates and
 * authorizes; an operation always answers within the caller's own account. Each call, accepted or refused, is itself
 * recorded (eventSource cloudtrail.amazonaws.com), as CloudTrail records its own API.
 */
public final class JsonProtocolEndpoint extends AuditedEndpoint {

    public static final String CLOUDTRAIL_PREFIX = "CloudTrail_20131101.";
    public static final String MAYFLY_PREFIX = "MayflyAudit_20261201.";
    static final String EVENT_SOURCE = "cloudtrail.amazonaws.com";
    /** Newer AWS CLIs and SDKs send the operation's full Smithy shape id. */
    private static final String QUALIFIED_PREFIX = "com.amazonaws.cloudtrail.v20131101.";
    private static final Logger LOG = LoggerFactory.getLogger(JsonProtocolEndpoint.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** The request limits' scope of every operation served here (MAYFLY_AUDIT_REQUESTS_PER_SECOND). */
    private static final String THROTTLING_SCOPE = "cloudtrail";

    private final RemoteAuthorizer authorizer;
    private final Map<String, JsonOperation> operations = new LinkedHashMap<>();

    public JsonProtocolEndpoint(RemoteAuthorizer authorizer, CallAuditing auditing) {
        super(EVENT_SOURCE, MAX_BODY_BYTES, auditing);
        this.authorizer = authorizer;
    }

    /**
     * Serves an operation under the X-Amz-Target of its API's prefix and its name, for example
     * {@code CloudTrail_20131101.LookupEvents}.
     */
    public JsonProtocolEndpoint operation(String prefix, JsonOperation operation) {
        operations.put(prefix + operation.name(), operation);
        return this;
    }

    /** The X-Amz-Target values served ({@code MayflyAudit_20261201.Search}...): what the service models describe. */
    public Set<String> targets() {
        return Set.copyOf(operations.keySet());
    }

    /**
     * The IAM action the operation of that name asks, whichever API serves it: records name a call by its operation
     * alone, and policies generated from them must grant what allowed it.
     */
    public Optional<String> iamActionOf(String operationName) {
        return operations.values().stream().filter(operation -> operation.name().equals(operationName)).map(JsonOperation::iamAction)
                .findFirst();
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        call.eventName = "UnknownOperation";
        call.readOnly = true;
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new JsonProtocolException("UnknownOperationException", "Only POST is supported.", 405);
        }
        JsonOperation operation = operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        call.eventName = operation.name();
        call.readOnly = operation.readOnly();
        AuthorizationResult authorization = authorizer.authorize(exchange, body, SigningNames.CLOUDTRAIL, operation.iamAction(), "*");
        call.identity = authorization.identity();
        if (authorization.authenticated()) {
            call.verified(authorization.identity());
        }
        throttle(call, THROTTLING_SCOPE);
        if (!authorization.allowed()) {
            throw JsonProtocolException.fromIssuer(authorization.errorCode(), authorization.message(), authorization.httpStatus());
        }
        JsonNode json = parse(body);
        call.parameters = RequestParameters.of(operation.recordedAs().apply(json));
        try {
            return new Outcome(200, operation.handler().handle(authorization.identity().accountId(), json), null, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String contentType() {
        return "application/x-amz-json-1.1";
    }

    /** The audit store (or the issuer that authorizes) away, or an operation's own failure: try again later. */
    @Override
    protected Failure failureOf(RuntimeException e, Call call) {
        LOG.error("{} {} failed", call.eventName, call.requestId, e);
        return new Failure(unavailableCode(), "The audit store is unavailable. Try again later.", 503);
    }

    @Override
    protected String unavailableCode() {
        return "ServiceUnavailableException";
    }

    private JsonOperation operation(String target) {
        String name = target == null ? "" : target.startsWith(QUALIFIED_PREFIX) ? target.substring(QUALIFIED_PREFIX.length()) : target;
        JsonOperation operation = operations.get(name);
        if (operation == null) {
            throw new JsonProtocolException("UnknownOperationException", "Unknown operation " + target);
        }
        return operation;
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
