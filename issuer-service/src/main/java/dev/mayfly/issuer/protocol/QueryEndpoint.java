package dev.mayfly.issuer.protocol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.mayfly.contract.ApiCallRecorded.TlsDetails;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.ConcurrentChanges;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.issuer.auth.Authenticator;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.SignedRequestAuthorizer;
import dev.mayfly.issuer.authz.UserSessionLimits;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST / (and GET /) in the Query protocol, for STS and IAM. For every request, accepted or not: one
 * API-call event, made durable before the answer leaves; an AWS-shaped answer; never a stack trace.
 */
public final class QueryEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoint.class);
    /** Room for the largest IAM policy (10,240 characters) three times over after URL encoding. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_RECORDED_NAME_CHARS = 128;

    private final Map<String, QueryAction> actions;
    private final Authenticator authenticator;
    private final ApiCallRecorder recorder;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public QueryEndpoint(List<QueryAction> actions, Authenticator authenticator, ApiCallRecorder recorder, ServiceMetrics metrics,
                         Clock clock) {
        this.actions = actions.stream().collect(Collectors.toUnmodifiableMap(QueryAction::name, Function.identity()));
        this.authenticator = authenticator;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Call call = new Call(RandomUuids.nextString(), clock.instant(), HttpExchanges.sourceIp(exchange),
                exchange.getRequestHeaders().getFirst("User-Agent"), tlsDetails(exchange));
        try {
            Response response = process(exchange, call);
            send(exchange, call, 200, response.xml());
            metrics.recordRequest(call.metricName(), "OK", started);
        } catch (SignatureException e) {
            if (call.claims != null) {
                call.caller = authenticator.claimedCaller(call.claims).orElse(null);
            }
            answerFailure(exchange, call, e.failure().code(), e.getMessage(), e.failure().httpStatus());
            metrics.recordRequest(call.metricName(), e.failure().code(), started);
        } catch (AwsServiceException e) {
            answerFailure(exchange, call, e.code(), e.getMessage(), e.httpStatus());
            metrics.recordRequest(call.metricName(), e.code(), started);
        } catch (RuntimeException e) {
            if (ConcurrentChanges.lostRace(e)) {
                answerFailure(exchange, call, "ConcurrentModification", "The request was rejected because multiple requests to change "
                        + "this object were submitted simultaneously. Wait a few minutes and submit your request again.", 409);
                metrics.recordRequest(call.metricName(), "ConcurrentModification", started);
                return;
            }
            LOG.error("request {} failed", call.requestId, e);
            answerFailure(exchange, call, "InternalFailure", "The request processing has failed because of an unknown error.", 500);
            metrics.recordRequest(call.metricName(), "InternalFailure", started);
        }
    }

    private record Response(byte[] xml) {
    }

    /** What is known of a call as it proceeds, for its audit record. */
    private static final class Call {
        final String requestId;
        final Instant at;
        final String sourceIp;
        final String userAgent;
        AwsService service = AwsService.STS;
        String actionName = "Unknown";
        String region = "us-east-1";
        Map<String, String> parameters = Map.of();
        SignatureParts claims;
        Caller caller;
        boolean readOnly;
        /** Whether the action is one this endpoint has (then its name is safe as a metric tag). */
        boolean known;
        /** For an action without a signature: whom it claims to come from, and whose trail records it. */
        UserIdentity anonymousIdentity;
        String recipientAccount;

        final TlsDetails tls;

        Call(String requestId, Instant at, String sourceIp, String userAgent, TlsDetails tls) {
            this.tls = tls;
            this.requestId = requestId;
            this.at = at;
            this.sourceIp = sourceIp;
            this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1024));
        }

        /** The action as a metric tag: only actions this endpoint knows, so that the tag stays bounded. */
        String metricName() {
            return known ? actionName : "Unknown";
        }
    }

    private Response process(HttpExchange exchange, Call call) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new AwsServiceException("InvalidAction", "The Query protocol takes GET or POST, not " + method + ".", 405);
        }
        byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        String rawQuery = exchange.getRequestURI().getRawQuery();
        QueryParameters parameters = QueryParameters.parse(rawQuery,
                contentType.startsWith("application/x-www-form-urlencoded") ? new String(body, StandardCharsets.UTF_8) : null);
        call.parameters = parameters.asMap();
        String actionName = parameters.get("Action");
        if (actionName != null) {
            call.actionName = actionName.length() > MAX_RECORDED_NAME_CHARS ? actionName.substring(0, MAX_RECORDED_NAME_CHARS) : actionName;
        }
        QueryAction action = actionName == null ? null : actions.get(actionName);
        if (action instanceof AnonymousAction anonymous) {
            return processAnonymous(anonymous, parameters, call);
        }
        SignedRequest signed = SignedRequestAuthorizer.signedRequest(exchange, body);
        SignatureParts claims = authenticator.claims(signed);
        call.claims = claims;
        call.region = claims.scope().region().length() <= 32 ? claims.scope().region() : "us-east-1";
        call.service = action != null ? action.service() : AwsService.forRequest(parameters.get("Version"), claims.scope().service());
        call.caller = authenticator.authenticate(signed, claims, call.service.signingName());
        if (action == null) {
            throw new AwsServiceException("InvalidAction", "Could not find operation " + call.actionName + " for version "
                    + Optional.ofNullable(parameters.get("Version")).orElse("(none)"), 400);
        }
        call.readOnly = action.readOnly();
        call.known = true;
        UserSessionLimits.check(call.caller, action.service() == AwsService.IAM, action.name());
        if (action.service() == AwsService.IAM) {
            call.region = "us-east-1"; // IAM is global: CloudTrail records its calls in us-east-1
        }
        ActionContext context = new ActionContext(call.caller, parameters, call.sourceIp, false, call.at, call.requestId, call.region);
        return UnitsOfWork.inTransaction(() -> {
            ActionResult result = action.execute(context);
            recorder.record(record(call, result, null, null));
            return new Response(success(action, result, call.requestId));
        });
    }

    /**
     * An action without a signature: whatever signature came along is not looked at (AWS's SDKs send these requests
     * unsigned); the action verifies what its caller presents. The record goes to the account the call concerns.
     */
    private Response processAnonymous(AnonymousAction action, QueryParameters parameters, Call call) {
        call.service = action.service();
        call.readOnly = action.readOnly();
        call.known = true;
        call.anonymousIdentity = action.claimedIdentity(parameters);
        call.recipientAccount = action.recipientAccount(parameters).orElse(null);
        ActionContext context = new ActionContext(null, parameters, call.sourceIp, false, call.at, call.requestId, call.region);
        return UnitsOfWork.inTransaction(() -> {
            ActionResult result = action.execute(context);
            recorder.record(record(call, result, null, null));
            return new Response(success(action, result, call.requestId));
        });
    }

    private void answerFailure(HttpExchange exchange, Call call, String code, String message, int status) throws IOException {
        try {
            UnitsOfWork.inTransaction(() -> {
                recorder.record(record(call, null, code, message));
                return null;
            });
            sendError(exchange, call, code, message, status);
        } catch (RuntimeException e) {
            LOG.error("request {}: its failure could not be recorded", call.requestId, e);
            sendError(exchange, call, "ServiceUnavailable", "Service is unable to handle request.", 503);
        }
    }

    private static void sendError(HttpExchange exchange, Call call, String code, String message, int status) throws IOException {
        XmlWriter xml = new XmlWriter().start("ErrorResponse", call.service.namespace())
                .start("Error").element("Type", status < 500 ? "Sender" : "Receiver").element("Code", code)
                .element("Message", message).end()
                .element("RequestId", call.requestId).end();
        send(exchange, call, status, xml.toBytes());
    }

    private static byte[] success(QueryAction action, ActionResult result, String requestId) {
        XmlWriter xml = new XmlWriter().start(action.name() + "Response", action.service().namespace());
        if (result.body() != null) {
            xml.start(action.name() + "Result");
            result.body().accept(xml);
            xml.end();
        }
        return xml.start("ResponseMetadata").element("RequestId", requestId).end().end().toBytes();
    }

    private static ApiCallRecorded record(Call call, ActionResult result, String errorCode, String errorMessage) {
        UserIdentity identity = call.caller != null ? call.caller.userIdentity()
                : result != null && result.verifiedCaller() != null ? result.verifiedCaller() : call.anonymousIdentity;
        return new ApiCallRecorded(RandomUuids.nextString(), call.at, call.service.eventSource(), call.actionName,
                call.region, call.sourceIp, call.userAgent, call.requestId, identity,
                ApiCallRecorder.requestParameters(call.parameters), result == null ? null : result.responseElements(),
                errorCode, errorMessage, result == null ? List.of() : result.resources(), call.readOnly,
                call.caller == null ? call.recipientAccount : call.caller.accountId().value(), call.tls);
    }

    /** CloudTrail's tlsDetails of a call over HTTPS; null over plain HTTP. */
    private static TlsDetails tlsDetails(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
            return null;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        return new TlsDetails(https.getSSLSession().getProtocol(), https.getSSLSession().getCipherSuite(),
                host == null ? null : host.substring(0, Math.min(host.length(), 256)));
    }

    private static void send(HttpExchange exchange, Call call, int status, byte[] xml) throws IOException {
        HttpExchanges.send(exchange, status, "text/xml", xml, Map.of("x-amzn-RequestId", call.requestId));
    }
}
