package dev.mayfly.issuer.protocol;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.ConcurrentChanges;
import dev.mayfly.issuer.auth.Authenticator;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.SignedRequestAuthorizer;
import dev.mayfly.issuer.authz.UserSessionLimits;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * POST / (and GET /) in the Query protocol, for STS and IAM, in the audited-call frame: for every request, accepted or
 * not, one API-call event, made durable before the answer leaves (with what the action changed); an AWS-shaped XML
 * answer; never a stack trace.
 */
public final class QueryEndpoint extends AuditedEndpoint {

    /** Room for the largest IAM policy (10,240 characters) three times over after URL encoding. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_RECORDED_NAME_CHARS = 128;
    private static final int MAX_REGION_CHARS = 32;

    private final Map<String, QueryAction> actions;
    private final Authenticator authenticator;

    public QueryEndpoint(ActionCatalog catalog, Authenticator authenticator, CallAuditing auditing) {
        super(AwsService.STS.eventSource(), MAX_BODY_BYTES, auditing);
        this.actions = catalog.byName();
        this.authenticator = authenticator;
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        call.known = false;
        String method = exchange.getRequestMethod();
        if (!method.equals("POST") && !method.equals("GET")) {
            throw new AwsServiceException("InvalidAction", "The Query protocol takes GET or POST, not " + method + ".", 405);
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        QueryParameters parameters = QueryParameters.parse(exchange.getRequestURI().getRawQuery(),
                contentType.startsWith("application/x-www-form-urlencoded") ? new String(body, StandardCharsets.UTF_8) : null);
        try {
            return dispatch(exchange, body, call, parameters);
        } finally {
            call.parameters = ApiCallRecorder.requestParameters(parameters.read(), parameters.readAsNumbers());
        }
    }

    /** Decides the call; whatever of the parameters it read is what the record shows. */
    private Outcome dispatch(HttpExchange exchange, byte[] body, Call call, QueryParameters parameters) {
        String actionName = parameters.get("Action");
        if (actionName != null) {
            call.eventName = actionName.length() > MAX_RECORDED_NAME_CHARS ? actionName.substring(0, MAX_RECORDED_NAME_CHARS) : actionName;
        }
        QueryAction action = actionName == null ? null : actions.get(actionName);
        if (action instanceof AnonymousAction anonymous) {
            return anonymous(anonymous, parameters, call);
        }
        Caller caller = authenticate(exchange, body, action, parameters, call);
        if (action == null) {
            throw new AwsServiceException("InvalidAction", "Could not find operation " + call.eventName + " for version "
                    + Optional.ofNullable(parameters.get("Version")).orElse("(none)"), 400);
        }
        call.readOnly = action.readOnly();
        call.known = true;
        throttle(call, action.service().signingName());
        UserSessionLimits.check(caller, action.service() == AwsService.IAM, action.name());
        if (action.service() == AwsService.IAM) {
            call.region = "us-east-1"; // IAM is global: CloudTrail records its calls in us-east-1
        }
        ActionContext context = new ActionContext(caller, parameters, call.sourceIp, call.secureTransport, call.at, call.requestId, call.region);
        return success(action, action.execute(context), call);
    }

    /**
     * Checks the request's signature and says who signed it. A refused signature still names, for the record, the
     * principal whose access key it claims, when that key exists: its account's trail shows the attempt.
     */
    private Caller authenticate(HttpExchange exchange, byte[] body, QueryAction action, QueryParameters parameters, Call call) {
        SignatureParts claims = null;
        try {
            SignedRequest signed = SignedRequestAuthorizer.signedRequest(exchange, body);
            claims = authenticator.claims(signed);
            if (claims.scope().region().length() <= MAX_REGION_CHARS) {
                call.region = claims.scope().region();
            }
            AwsService service = action != null ? action.service() : AwsService.forRequest(parameters.get("Version"), claims.scope().service());
            call.eventSource = service.eventSource();
            Caller caller = authenticator.authenticate(signed, claims, service.signingName());
            call.verified(caller.userIdentity());
            return caller;
        } catch (SignatureException e) {
            if (claims != null) {
                call.identity = authenticator.claimedCaller(claims).map(Caller::userIdentity).orElse(null);
            }
            throw new AwsServiceException(e.failure().code(), e.getMessage(), e.failure().httpStatus());
        }
    }

    /**
     * An action without a signature: whatever signature came along is not looked at (AWS's SDKs send these requests
     * unsigned); the action verifies what its caller presents. The record goes to the account the call concerns.
     */
    private Outcome anonymous(AnonymousAction action, QueryParameters parameters, Call call) {
        call.eventSource = action.service().eventSource();
        call.readOnly = action.readOnly();
        call.known = true;
        call.identity = action.claimedIdentity(parameters);
        call.recipientAccountId = action.recipientAccount(parameters).orElse(null);
        ActionContext context = new ActionContext(null, parameters, call.sourceIp, call.secureTransport, call.at, call.requestId, call.region);
        ActionResult result = action.execute(context);
        if (result.verifiedCaller() != null) {
            call.verified(result.verifiedCaller());
        }
        return success(action, result, call);
    }

    private static Outcome success(QueryAction action, ActionResult result, Call call) {
        XmlWriter xml = new XmlWriter().start(action.name() + "Response", action.service().namespace());
        if (result.body() != null) {
            xml.start(action.name() + "Result");
            result.body().accept(xml);
            xml.end();
        }
        byte[] answer = xml.start("ResponseMetadata").element("RequestId", call.requestId).end().end().toBytes();
        return new Outcome(200, answer, result.responseElements(), result.resources());
    }

    @Override
    protected String contentType() {
        return "text/xml";
    }

    /** The XML the action's dispatch already wrote. */
    @Override
    protected byte[] encode(Object body) {
        return (byte[]) body;
    }

    @Override
    protected byte[] errorBody(Failure failure, Call call) {
        String namespace = (call.eventSource.equals(AwsService.IAM.eventSource()) ? AwsService.IAM : AwsService.STS).namespace();
        return new XmlWriter().start("ErrorResponse", namespace)
                .start("Error").element("Type", failure.status() < 500 ? "Sender" : "Receiver").element("Code", failure.code())
                .element("Message", failure.message()).end()
                .element("RequestId", call.requestId).end().toBytes();
    }

    @Override
    protected Failure failureOf(RuntimeException e, Call call) {
        if (e instanceof SignatureException signature) {
            return new Failure(signature.failure().code(), signature.getMessage(), signature.failure().httpStatus());
        }
        if (ConcurrentChanges.lostRace(e)) {
            return new Failure("ConcurrentModification", "The request was rejected because multiple requests to change this object "
                    + "were submitted simultaneously. Wait a few minutes and submit your request again.", 409);
        }
        return null;
    }
}
