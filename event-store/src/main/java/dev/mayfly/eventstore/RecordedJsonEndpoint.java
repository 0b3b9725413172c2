package dev.mayfly.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.ServiceMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint that speaks JSON and records every call, accepted or refused, as one API-call event committed in the
 * same transaction as whatever the call changed. Subclasses decide (dispatch); this class keeps the promises every such
 * endpoint makes: an answer in the service's error shape, a record of every outcome, never a stack trace.
 */
public abstract class RecordedJsonEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedJsonEndpoint.class);

    private final String eventSource;
    private final int maxBodyBytes;
    private final ApiCallRecorder recorder;
    private final ServiceMetrics metrics;
    private final Clock clock;

    protected RecordedJsonEndpoint(String eventSource, int maxBodyBytes, ApiCallRecorder recorder, ServiceMetrics metrics, Clock clock) {
        this.eventSource = eventSource;
        this.maxBodyBytes = maxBodyBytes;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * What an operation answers, and what its audit record shows.
     *
     * @param body             the JSON answer; null for none
     * @param responseElements what the record shows of the answer: never a secret
     */
    public record Outcome(int status, Object body, Map<String, Object> responseElements, List<Resource> resources) {
    }

    /** What is known of a call as it proceeds, for its record. */
    public static final class Call {
        public final String requestId = RandomUuids.nextString();
        final long started = System.nanoTime();
        public final Instant at;
        public final String sourceIp;
        final String userAgent;
        public String eventName = "Unknown";
        public Map<String, Object> parameters = Map.of();
        /** Who called: verified, or for a refused call whom it claimed to be; null when unknown. */
        public UserIdentity identity;
        public boolean readOnly;
        /** Whose trail records the call; by default the caller's account. */
        public String recipientAccountId;

        Call(Instant at, String sourceIp, String userAgent) {
            this.at = at;
            this.sourceIp = sourceIp;
            this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1024));
        }
    }

    /** Decides a call: names it (call.eventName), authenticates and authorizes, acts, and says what to answer. */
    protected abstract Outcome dispatch(HttpExchange exchange, byte[] body, Call call);

    /** The JSON of an error answer; AWS's JSON protocols by default. */
    protected Object errorBody(String code, String message) {
        return Map.of("__type", code, "message", message);
    }

    /** Headers every answer carries besides the request id. */
    protected Map<String, String> answerHeaders() {
        return Map.of();
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(clock.instant().truncatedTo(ChronoUnit.MILLIS), HttpExchanges.sourceIp(exchange),
                exchange.getRequestHeaders().getFirst("User-Agent"));
        try {
            byte[] body = HttpExchanges.readBody(exchange, maxBodyBytes);
            Outcome outcome = UnitsOfWork.inTransaction(() -> {
                Outcome result = dispatch(exchange, body, call);
                recorder.record(record(call, result, null, null));
                return result;
            });
            send(exchange, call, outcome.status(), outcome.body() == null ? new byte[0] : Json.mapper().writeValueAsBytes(outcome.body()));
            metrics.recordRequest(call.eventName, "OK", call.started);
        } catch (AwsServiceException e) {
            refuse(exchange, call, e.code(), e.getMessage(), e.httpStatus());
        } catch (RuntimeException e) {
            LOG.error("request {} failed", call.requestId, e);
            refuse(exchange, call, "InternalFailure", "The request processing has failed because of an unknown error.", 500);
        }
    }

    private void refuse(HttpExchange exchange, Call call, String code, String message, int status) throws IOException {
        try {
            UnitsOfWork.inTransaction(() -> {
                recorder.record(record(call, null, code, message));
                return null;
            });
            send(exchange, call, status, Json.mapper().writeValueAsBytes(errorBody(code, message)));
            metrics.recordRequest(call.eventName, code, call.started);
        } catch (RuntimeException recordingFailed) {
            LOG.error("request {}: its refusal could not be recorded", call.requestId, recordingFailed);
            send(exchange, call, 503, Json.mapper().writeValueAsBytes(errorBody("ServiceUnavailable",
                    "The request could not be recorded. Try again later.")));
            metrics.recordRequest(call.eventName, "ServiceUnavailable", call.started);
        }
    }

    private ApiCallRecorded record(Call call, Outcome outcome, String errorCode, String errorMessage) {
        String recipient = call.recipientAccountId != null ? call.recipientAccountId
                : call.identity == null ? null : call.identity.accountId();
        return new ApiCallRecorded(RandomUuids.nextString(), call.at, eventSource, call.eventName, "us-east-1",
                call.sourceIp, call.userAgent, call.requestId, call.identity, call.parameters,
                outcome == null ? null : outcome.responseElements(), errorCode, errorMessage,
                outcome == null ? List.of() : outcome.resources(), call.readOnly, recipient);
    }

    private void send(HttpExchange exchange, Call call, int status, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(answerHeaders());
        headers.put("x-amzn-RequestId", call.requestId);
        HttpExchanges.send(exchange, status, "application/json", body, headers);
    }

    /** The request body as a JSON object; SerializationException otherwise. */
    protected static JsonNode parseObject(byte[] body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json == null || !json.isObject()) {
                throw new IOException("not an object");
            }
            return json;
        } catch (IOException e) {
            throw new AwsServiceException("SerializationException", "The request body must be a JSON object.", 400);
        }
    }
}
