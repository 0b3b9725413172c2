package dev.mayfly.revocation.web;

import dev.mayfly.contract.SigningNames;
import dev.mayfly.runtime.authz.JsonProtocolCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.RulePublication;
import dev.mayfly.revocation.api.RevocationCommands.CreateRule;
import dev.mayfly.revocation.api.RevocationCommands.LiftRule;
import dev.mayfly.revocation.query.RuleDirectory;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.rest.RestRoutes;
import dev.mayfly.runtime.rest.Route;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /rules, GET /rules, DELETE /rules/{id} ({@link #ROUTES}). Every call, accepted or refused, is recorded as an API-call
 * event; a rule's creation or lifting commits in the same transaction as its record.
 *
 * <p>A created rule is answered once it is durable (stored) and, within {@link #PUBLICATION_WAIT}, on the revocations
 * topic, from which every issuer reads it: 201, State Published. A rule Kafka has not acknowledged by then is answered
 * 202, State Pending: it is durable and will be published, and GET /rules tells when its State becomes Published.
 */
public final class RulesEndpoint extends AuditedEndpoint {

    public static final String PATH = "/rules";
    /** The API's operations: what service-models/mayfly-revocation describes. */
    public static final RestRoutes ROUTES = RestRoutes.of(
            new Route("POST", PATH, "CreateRule"),
            new Route("GET", PATH, "ListRules"),
            new Route("DELETE", PATH + "/{RuleId}", "LiftRule"));
    static final String SERVICE = SigningNames.REVOCATION;
    static final String EVENT_SOURCE = "revocation.mayfly";
    private static final Logger LOG = LoggerFactory.getLogger(RulesEndpoint.class);
    private static final int MAX_BODY_BYTES = 16 * 1024;
    /** How long a creation waits for Kafka's acknowledgement before it answers Pending: well above a healthy send. */
    static final Duration PUBLICATION_WAIT = Duration.ofSeconds(5);

    private final RemoteAuthorizer authorizer;
    private final RuleDirectory rules;
    private final RulePublication publication;
    private final CommandGateway commands;

    public RulesEndpoint(RemoteAuthorizer authorizer, RuleDirectory rules, RulePublication publication, CommandGateway commands,
                         CallAuditing auditing) {
        super(EVENT_SOURCE, MAX_BODY_BYTES, auditing);
        this.authorizer = authorizer;
        this.rules = rules;
        this.publication = publication;
        this.commands = commands;
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        RestRoutes.Match match = ROUTES.operationOf(exchange);
        call.eventName = match.operation();
        return switch (match.operation()) {
            case "CreateRule" -> create(exchange, body, call);
            case "ListRules" -> {
                call.readOnly = true;
                yield list(exchange, body, call);
            }
            case "LiftRule" -> lift(exchange, body, call, match.label("RuleId"));
            default -> throw new IllegalStateException("a route without a handler: " + match.operation());
        };
    }

    private Outcome create(HttpExchange exchange, byte[] body, Call call) {
        JsonNode json = parseObject(body);
        call.parameters = Json.mapper().convertValue(json, Map.class);
        AuthorizationResult caller = authorize(exchange, body, call, "revocation:CreateRule", json.path("Target").asText("*"));
        Instant now = call.at;
        CreateRuleRequest request = CreateRuleRequest.from(json, caller.identity().accountId(), now);
        rules.requireRoomForAnotherRule(caller.identity().accountId());
        String ruleId = "rr-" + RandomUuids.next();
        RevocationRule rule = new RevocationRule(ruleId, caller.identity().accountId(), request.scope(), request.target(),
                request.issuedBefore(), now, caller.identity().arn(), request.reason(), request.expiresAt(), request.kind());
        // expected before the command: Kafka may acknowledge the rule before this call answers; a commit that fails after
        // dispatch leaves an expectation that no rule lists (a few bytes, until the process restarts)
        publication.expect(ruleId);
        try {
            commands.sendAndWait(new CreateRule(ruleId, rule));
        } catch (RuntimeException e) {
            publication.forget(ruleId);
            throw e;
        }
        LOG.info("rule {} by {}: {} {} {} {}", ruleId, rule.createdBy(), CreateRuleRequest.name(rule.kind()), rule.scope(), rule.target(),
                rule.issuedBefore());
        Map<String, Object> view = view(rule);
        return new Outcome(201, view, view, List.of());
    }

    /**
     * A created rule's answer waits for its publication here, once committed: within the call's transaction the publisher
     * cannot see it yet.
     */
    @Override
    protected Outcome afterCommit(Outcome committed, Call call) {
        if (!call.eventName.equals("CreateRule")) {
            return committed;
        }
        Map<String, Object> view = new LinkedHashMap<>(committed.responseElements());
        RulePublication.State state = publication.await((String) view.get("RuleId"), PUBLICATION_WAIT);
        view.put("State", stateName(state));
        return new Outcome(state == RulePublication.State.PUBLISHED ? 201 : 202, view, committed.responseElements(), committed.resources());
    }

    private Outcome list(HttpExchange exchange, byte[] body, Call call) {
        AuthorizationResult caller = authorize(exchange, body, call, "revocation:ListRules", "*");
        List<Map<String, Object>> views = rules.rulesOf(caller.identity().accountId()).stream().map(rule -> {
            Map<String, Object> view = view(rule);
            view.put("State", stateName(publication.state(rule.ruleId())));
            return view;
        }).toList();
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
        if (result.authenticated()) {
            call.verified(result.identity());
        }
        if (!result.allowed()) {
            throw new AwsServiceException(JsonProtocolCodes.fromQueryProtocol(result.errorCode()), result.message(), result.httpStatus());
        }
        return result;
    }

    private static String stateName(RulePublication.State state) {
        return state == RulePublication.State.PUBLISHED ? "Published" : "Pending";
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
