package dev.mayfly.revocation.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.revocation.api.RevocationCommands.CreateRule;
import dev.mayfly.revocation.api.RevocationCommands.LiftRule;
import dev.mayfly.revocation.query.RuleDirectory;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /rules, GET /rules, DELETE /rules/{id}. Every call, accepted or refused, is recorded as an API-call
 * event; a rule's creation or lifting commits in the same transaction as its record.
 */
public final class RulesEndpoint implements HttpHandler {

    public static final String PATH = "/rules";
    static final String SERVICE = "revocation";
    static final String EVENT_SOURCE = "revocation.mayfly";
    private static final Logger LOG = LoggerFactory.getLogger(RulesEndpoint.class);
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final RemoteAuthorizer authorizer;
    private final RuleDirectory rules;
    private final CommandGateway commands;
    private final ApiCallRecorder recorder;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public RulesEndpoint(RemoteAuthorizer authorizer, RuleDirectory rules, CommandGateway commands, ApiCallRecorder recorder,
                         ServiceMetrics metrics, Clock clock) {
        this.authorizer = authorizer;
        this.rules = rules;
        this.commands = commands;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What an operation answers, and what its audit record shows. */
    private record Outcome(int status, Object body, Map<String, Object> responseElements, List<Resource> resources) {
    }

    /** What is known of a call as it proceeds. */
    private static final class Call {
        final String requestId = UUID.randomUUID().toString();
        final long started = System.nanoTime();
        final Instant at;
        final String sourceIp;
        final String userAgent;
        String eventName = "Unknown";
        Map<String, Object> parameters = Map.of();
        UserIdentity identity;

        Call(Instant at, String sourceIp, String userAgent) {
            this.at = at;
            this.sourceIp = sourceIp;
            this.userAgent = userAgent;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(clock.instant().truncatedTo(ChronoUnit.MILLIS), HttpExchanges.sourceIp(exchange), exchange.getRequestHeaders().getFirst("User-Agent"));
        try {
            byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
            Outcome outcome = UnitsOfWork.inTransaction(() -> {
                Outcome result = dispatch(exchange, body, call);
                recorder.record(record(call, result, null, null));
                return result;
            });
            send(exchange, call, outcome.status(), outcome.body() == null ? new byte[0] : Json.mapper().writeValueAsBytes(outcome.body()));
            metrics.recordRequest(call.eventName, "OK", call.started);
        } catch (AwsServiceException e) {
            refuse(exchange, call, e);
            metrics.recordRequest(call.eventName, e.code(), call.started);
        }
    }

    private Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(PATH) && method.equals("POST")) {
            call.eventName = "CreateRule";
            return create(exchange, body, call);
        }
        if (path.equals(PATH) && method.equals("GET")) {
            call.eventName = "ListRules";
            return list(exchange, body, call);
        }
        if (path.startsWith(PATH + "/") && method.equals("DELETE")) {
            call.eventName = "LiftRule";
            return lift(exchange, body, call, path.substring(PATH.length() + 1));
        }
        throw new AwsServiceException("UnknownOperationException", "This service has no operation at this method and path.", 404);
    }

    private Outcome create(HttpExchange exchange, byte[] body, Call call) {
        JsonNode json = parse(body);
        call.parameters = Json.mapper().convertValue(json, Map.class);
        AuthorizationResult caller = authorize(exchange, body, call, "revocation:CreateRule", json.path("Target").asText("*"));
        Instant now = call.at;
        CreateRuleRequest request = CreateRuleRequest.from(json, caller.identity().accountId(), now);
        String ruleId = "rr-" + UUID.randomUUID();
        RevocationRule rule = new RevocationRule(ruleId, caller.identity().accountId(), request.scope(), request.target(),
                request.issuedBefore(), now, caller.identity().arn(), request.reason(), request.expiresAt(), request.kind());
        commands.sendAndWait(new CreateRule(ruleId, rule));
        LOG.info("rule {} by {}: {} {} {} {}", ruleId, rule.createdBy(), CreateRuleRequest.name(rule.kind()), rule.scope(), rule.target(),
                rule.issuedBefore());
        Map<String, Object> view = view(rule);
        return new Outcome(201, view, view, List.of());
    }

    private Outcome list(HttpExchange exchange, byte[] body, Call call) {
        AuthorizationResult caller = authorize(exchange, body, call, "revocation:ListRules", "*");
        List<Map<String, Object>> views = rules.rulesOf(caller.identity().accountId()).stream().map(RulesEndpoint::view).toList();
        return new Outcome(200, Map.of("Rules", views), null, List.of());
    }

    private Outcome lift(HttpExchange exchange, byte[] body, Call call, String ruleId) {
        call.parameters = Map.of("ruleId", ruleId.length() > 128 ? ruleId.substring(0, 128) : ruleId);
        AuthorizationResult caller = authorize(exchange, body, call, "revocation:LiftRule", "*");
        RevocationRule rule = rules.rule(ruleId).filter(r -> r.accountId().equals(caller.identity().accountId()))
                .orElseThrow(() -> new AwsServiceException("ResourceNotFoundException", "No such rule in this account.", 404));
        commands.sendAndWait(new LiftRule(rule.ruleId(), caller.identity().arn(), call.at));
        return new Outcome(204, null, null, List.of());
    }

    private AuthorizationResult authorize(HttpExchange exchange, byte[] body, Call call, String action, String resource) {
        AuthorizationResult result = authorizer.authorize(exchange, body, SERVICE, action, resource);
        call.identity = result.identity();
        if (!result.allowed()) {
            throw new AwsServiceException(result.errorCode(), result.message(), result.httpStatus());
        }
        return result;
    }

    private void refuse(HttpExchange exchange, Call call, AwsServiceException e) throws IOException {
        try {
            UnitsOfWork.inTransaction(() -> {
                recorder.record(record(call, null, e.code(), e.getMessage()));
                return null;
            });
            sendError(exchange, call, e.code(), e.getMessage(), e.httpStatus());
        } catch (RuntimeException recordingFailed) {
            LOG.error("request {}: its refusal could not be recorded", call.requestId, recordingFailed);
            sendError(exchange, call, "ServiceUnavailable", "The request could not be recorded. Try again later.", 503);
        }
    }

    private static ApiCallRecorded record(Call call, Outcome outcome, String errorCode, String errorMessage) {
        return new ApiCallRecorded(UUID.randomUUID().toString(), call.at, EVENT_SOURCE, call.eventName, "us-east-1",
                call.sourceIp, call.userAgent, call.requestId, call.identity, call.parameters,
                outcome == null ? null : outcome.responseElements(), errorCode, errorMessage,
                outcome == null ? List.of() : outcome.resources(), call.eventName.equals("ListRules"),
                call.identity == null ? null : call.identity.accountId());
    }

    private static void sendError(HttpExchange exchange, Call call, String code, String message, int status) throws IOException {
        send(exchange, call, status, Json.mapper().writeValueAsBytes(Map.of("__type", code, "message", message)));
    }

    private static void send(HttpExchange exchange, Call call, int status, byte[] body) throws IOException {
        HttpExchanges.send(exchange, status, "application/json", body, Map.of("x-amzn-RequestId", call.requestId));
    }

    private static JsonNode parse(byte[] body) {
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

    private static Map<String, Object> view(RevocationRule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("RuleId", rule.ruleId());
        view.put("Kind", CreateRuleRequest.name(rule.kind()));
        view.put("AccountId", rule.accountId());
        view.put("Scope", CreateRuleRequest.name(rule.scope()));
        view.put("Target", rule.target());
        view.put(rule.kind() == RevocationRule.Kind.QUARANTINE ? "Until" : "IssuedBefore", rule.issuedBefore().toString());
        view.put("CreatedAt", rule.createdAt().toString());
        view.put("CreatedBy", rule.createdBy());
        view.put("Reason", rule.reason());
        view.put("ExpiresAt", rule.expiresAt().toString());
        return view;
    }
}
