package dev.mayfly.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.TlsDetails;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.RecoverableErrors;
import dev.mayfly.runtime.RefusalWithEffects;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.tracing.RequestTracing;
import dev.mayfly.runtime.tracing.TracedRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The life of an audited call, the same for every endpoint of every service: read the request within its limit, decide
 * it (the endpoint's {@link #dispatch}: name, authenticate, authorize, act), make its record durable (with what the call
 * changed, see {@link CallRecorder}), and only then answer, in the endpoint's protocol. A refused call is recorded too,
 * and a call whose record cannot be made durable is answered 503: no answer leaves unrecorded. No failure reaches the
 * caller as a stack trace. What a record may hold is bounded by the record itself ({@link ApiCallRecorded}). Refusals
 * that no verified principal stands behind are limited per source address, and verified callers per account
 * ({@link CallLimits}, {@link #throttle}); calls beyond the limits are summarized rather than recorded one by one. Each
 * call is traced ({@link RequestTracing}): its trace id goes into its record and, while it is handled, into the logs' MDC
 * ({@value #TRACE_ID_LOG_KEY}); its latency into the service's metrics.
 */
public abstract class AuditedEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedEndpoint.class);
    private static final int MAX_USER_AGENT_CHARS = 1024;
    private static final Failure THROTTLED = new Failure("Throttling", "Rate exceeded", 400);
    /** The MDC key of a traced call's trace id while it is handled: ECS's trace.id, in JSON logs (log4j2.xml). */
    public static final String TRACE_ID_LOG_KEY = "trace.id";

    private final String eventSource;
    private final int maxBodyBytes;
    private final CallRecorder recorder;
    private final CallLimits limits;
    private final ServiceMetrics metrics;
    private final RequestTracing tracing;
    private final Clock clock;

    protected AuditedEndpoint(String eventSource, int maxBodyBytes, CallAuditing auditing) {
        this.eventSource = eventSource;
        this.maxBodyBytes = maxBodyBytes;
        this.recorder = auditing.recorder();
        this.limits = auditing.limits();
        this.metrics = auditing.metrics();
        this.tracing = auditing.tracing();
        this.clock = auditing.clock();
    }

    /**
     * What an operation answers, and what its audit record shows.
     *
     * @param body             the answer, as {@link #encode} writes it; null for none
     * @param responseElements what the record shows of the answer: never a secret
     */
    public record Outcome(int status, Object body, Map<String, Object> responseElements, List<Resource> resources) {
    }

    /** An error to answer: the AWS error code, a message safe to show, the HTTP status. */
    public record Failure(String code, String message, int status) {

        static Failure of(AwsServiceException e) {
            return new Failure(e.code(), e.getMessage(), e.httpStatus());
        }
    }

    /** What is known of a call as it proceeds, for its record. */
    public static final class Call {
        public final String requestId = RandomUuids.nextString();
        final long started = System.nanoTime();
        public final Instant at;
        public final String sourceIp;
        /** Whether the call came over TLS: aws:SecureTransport ({@link HttpExchanges#secureTransport}). */
        public final boolean secureTransport;
        final String userAgent;
        final TlsDetails tls;
        /** The service the call went to; by default the endpoint's. */
        public String eventSource;
        public String eventName = "Unknown";
        /** Whether the call names an operation the endpoint has: only then is its name a metric tag (bounded). */
        public boolean known = true;
        /** The region the request was signed for; IAM and Mayfly's own APIs record us-east-1. */
        public String region = "us-east-1";
        public Map<String, Object> parameters = Map.of();
        /** The call's trace ({@link RequestTracing}): its id goes into the record. */
        TracedRequest trace = TracedRequest.NONE;
        /** How the call was answered: OK or the error code, and the status; null until it is. */
        String outcome;
        int status;
        /** What a refused call concerned ({@link AwsServiceException#concerning}); an answered call's are its outcome's. */
        List<Resource> refusedResources = List.of();
        /** Why a call was refused, when its answer does not say ({@link AwsServiceException#because}); null otherwise. */
        String refusalReason;
        /** Who called: verified, or for a refused call whom it claimed to be; null when unknown. */
        public UserIdentity identity;
        /** Whether {@link #identity} was verified (a signature, a token, a credential that checked out). */
        boolean authenticated;
        public boolean readOnly;
        /** Whose trail records the call; by default the caller's account. */
        public String recipientAccountId;

        Call(String eventSource, Instant at, String sourceIp, boolean secureTransport, String userAgent, TlsDetails tls) {
            this.eventSource = eventSource;
            this.at = at;
            this.sourceIp = sourceIp;
            this.secureTransport = secureTransport;
            this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT_CHARS));
            this.tls = tls;
        }

        String metricName() {
            return known ? eventName : "Unknown";
        }

        /** The caller, as its signature, token or credential proved it. */
        public void verified(UserIdentity caller) {
            identity = caller;
            authenticated = true;
        }
    }

    /** Decides a call: names it, authenticates and authorizes, acts, and says what to answer. */
    protected abstract Outcome dispatch(HttpExchange exchange, byte[] body, Call call);

    /**
     * The answer once what the call changed and its record are committed: for an operation whose answer waits on what
     * follows the commit (a rule's publication). As it is by default.
     */
    protected Outcome afterCommit(Outcome committed, Call call) {
        return committed;
    }

    /** The media type of every answer; JSON by default. */
    protected String contentType() {
        return "application/json";
    }

    /** The bytes of a successful answer's body; JSON by default. */
    protected byte[] encode(Object body) throws IOException {
        return Json.mapper().writeValueAsBytes(body);
    }

    /** The body of an error answer; AWS's JSON protocols by default. */
    protected byte[] errorBody(Failure failure, Call call) throws IOException {
        return Json.mapper().writeValueAsBytes(Map.of("__type", failure.code(), "message", failure.message()));
    }

    /** The error a failure other than an {@link AwsServiceException} answers; null for an unexpected one (500). */
    protected Failure failureOf(RuntimeException e, Call call) {
        return null;
    }

    /** The code of the 503 answered when a call's record cannot be made durable. */
    protected String unavailableCode() {
        return "ServiceUnavailable";
    }

    /** Headers every answer carries besides the request id. */
    protected Map<String, String> answerHeaders() {
        return Map.of();
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(eventSource, clock.instant().truncatedTo(ChronoUnit.MILLIS), HttpExchanges.sourceIp(exchange),
                HttpExchanges.secureTransport(exchange), exchange.getRequestHeaders().getFirst("User-Agent"), tlsDetails(exchange));
        call.trace = tracing.start(exchange.getRequestHeaders());
        try (MDC.MDCCloseable ignored = call.trace.traceId() == null ? null : MDC.putCloseable(TRACE_ID_LOG_KEY, call.trace.traceId())) {
            decideAndAnswer(exchange, call);
        } finally {
            // a call whose answer could not be sent (the caller left) still ends its span
            call.trace.end(call.eventSource, call.metricName(), call.requestId, call.outcome == null ? "Unanswered" : call.outcome, call.status);
        }
    }

    private void decideAndAnswer(HttpExchange exchange, Call call) throws IOException {
        Outcome outcome;
        try {
            byte[] body = HttpExchanges.readBody(exchange, maxBodyBytes);
            outcome = recorder.recorded(() -> dispatch(exchange, body, call), result -> record(call, result, null, null));
        } catch (Throttled e) {
            limits.summarizeThrottled(call.identity.accountId(), call.metricName(), call.at);
            answerThrottled(exchange, call);
            return;
        } catch (RefusalWithEffects e) {
            call.refusedResources = e.resources();
            call.refusalReason = e.reason();
            refuse(exchange, call, Failure.of(e), e);
            return;
        } catch (AwsServiceException e) {
            call.refusedResources = e.resources();
            call.refusalReason = e.reason();
            refuse(exchange, call, Failure.of(e));
            return;
        } catch (RuntimeException | Error e) {
            if (e instanceof Error error) {
                RecoverableErrors.rethrowUnlessRecoverable(error);
            }
            Failure failure = e instanceof RuntimeException unexpected ? failureOf(unexpected, call) : null;
            if (failure == null) {
                LOG.error("request {} failed", call.requestId, e);
                failure = new Failure("InternalFailure", "The request processing has failed because of an unknown error.", 500);
            }
            refuse(exchange, call, failure);
            return;
        }
        outcome = afterCommit(outcome, call);
        send(exchange, call, outcome.status(), outcome.body() == null ? new byte[0] : encode(outcome.body()));
        answered(call, "OK", outcome.status());
    }

    private void refuse(HttpExchange exchange, Call call, Failure failure) throws IOException {
        refuse(exchange, call, failure, null);
    }

    /** @param withEffects the refusal when it changes something all the same ({@link RefusalWithEffects}), else null */
    private void refuse(HttpExchange exchange, Call call, Failure failure, RefusalWithEffects withEffects) throws IOException {
        if (!call.authenticated && !limits.admitUnauthenticated(call.sourceIp)) {
            limits.summarizeUnauthenticated(call.sourceIp, call.metricName(), failure.code(), call.at);
            answerThrottled(exchange, call);
            return;
        }
        try {
            if (withEffects == null || !recordedWithEffects(call, failure, withEffects)) {
                recorder.recorded(() -> null, nothing -> record(call, null, failure, null));
            }
        } catch (RuntimeException recordingFailed) {
            LOG.error("request {}: its refusal could not be recorded", call.requestId, recordingFailed);
            Failure unavailable = new Failure(unavailableCode(), CallRecorder.unrecorded().getMessage(), 503);
            send(exchange, call, 503, errorBody(unavailable, call));
            answered(call, unavailable.code(), 503);
            return;
        }
        send(exchange, call, failure.status(), errorBody(failure, call));
        answered(call, failure.code(), failure.status());
    }

    /**
     * Throttling, as AWS answers it and the SDKs retry it, after the hold ({@link CallLimits}); the call is counted in a
     * summary, not recorded on its own.
     */
    private void answerThrottled(HttpExchange exchange, Call call) throws IOException {
        limits.holdThrottledAnswer();
        send(exchange, call, THROTTLED.status(), errorBody(THROTTLED, call));
        answered(call, THROTTLED.code(), THROTTLED.status());
    }

    /** A call answered: its latency in the metrics, and its outcome for its span. */
    private void answered(Call call, String outcome, int status) {
        call.outcome = outcome;
        call.status = status;
        metrics.recordRequest(call.metricName(), outcome, call.started);
    }

    /**
     * Refuses the call (Throttling) when its verified caller's account has used up its request rate in this scope
     * ("sts", "iam", "cloudtrail"); to be called once the caller is verified, before the call does its work.
     */
    protected final void throttle(Call call, String scope) {
        if (call.authenticated && call.identity.accountId() != null && !limits.admitAccount(call.identity.accountId(), scope)) {
            throw new Throttled();
        }
    }

    /** A verified caller beyond its account's request rate. */
    private static final class Throttled extends AwsServiceException {
        Throttled() {
            super(THROTTLED.code(), THROTTLED.message(), THROTTLED.status());
        }
    }

    /**
     * Makes what a refusal changes in the transaction of its record, which notes what they return (additionalEventData).
     *
     * @return false when that could not be stored (another issuer changed the same aggregate at that moment): the
     *         refusal is then to be recorded without them, and still answered as itself
     */
    private boolean recordedWithEffects(Call call, Failure failure, RefusalWithEffects refusal) {
        try {
            recorder.recorded(refusal::applyEffects, additionalEventData -> record(call, null, failure, additionalEventData));
            return true;
        } catch (RuntimeException lost) {
            LOG.warn("request {}: what its refusal changes could not be stored; the refusal is recorded without it", call.requestId, lost);
            return false;
        }
    }

    private static ApiCallRecorded record(Call call, Outcome outcome, Failure failure, Map<String, Object> additionalEventData) {
        String recipient = call.recipientAccountId != null ? call.recipientAccountId
                : call.identity == null ? null : call.identity.accountId();
        return new ApiCallRecorded(RandomUuids.nextString(), call.at, call.eventSource, call.eventName, call.region,
                call.sourceIp, call.userAgent, call.requestId, call.identity, call.parameters,
                outcome == null ? null : outcome.responseElements(), failure == null ? null : failure.code(),
                failure == null ? null : failure.message(), outcome == null ? call.refusedResources : outcome.resources(), call.readOnly,
                recipient, call.tls, withRefusalReason(call, failure, additionalEventData), call.trace.traceId());
    }

    /** The record's additionalEventData, with the reason of a refusal whose answer does not tell it. */
    private static Map<String, Object> withRefusalReason(Call call, Failure failure, Map<String, Object> additionalEventData) {
        if (failure == null || call.refusalReason == null) {
            return additionalEventData;
        }
        Map<String, Object> data = new LinkedHashMap<>(additionalEventData == null ? Map.of() : additionalEventData);
        data.put("refusalReason", call.refusalReason);
        return data;
    }

    private void send(HttpExchange exchange, Call call, int status, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(answerHeaders());
        headers.put("x-amzn-RequestId", call.requestId);
        HttpExchanges.send(exchange, status, contentType(), body, headers);
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

    /** CloudTrail's tlsDetails of a call over HTTPS; null over plain HTTP. */
    private static TlsDetails tlsDetails(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
            return null;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        return new TlsDetails(https.getSSLSession().getProtocol(), https.getSSLSession().getCipherSuite(), host);
    }
}
