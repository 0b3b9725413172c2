package dev.mayfly.revocation.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.revocation.api.RevocationCommands.CreateRule;
import dev.mayfly.revocation.api.RevocationCommands.LiftRule;
import dev.mayfly.revocation.query.RuleDirectory;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.authz.AuthorizationResult;
import dev.mayfly.runtime.authz.RemoteAuthorizer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /rules, GET /rules, DELETE /rules/{id}. */
public final class RulesEndpoint implements HttpHandler {

    public static final String PATH = "/rules";
    static final String SERVICE = "revocation";
    private static final Logger LOG = LoggerFactory.getLogger(RulesEndpoint.class);
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final RemoteAuthorizer authorizer;
    private final RuleDirectory rules;
    private final CommandGateway commands;
    private final Clock clock;

    public RulesEndpoint(RemoteAuthorizer authorizer, RuleDirectory rules, CommandGateway commands, Clock clock) {
        this.authorizer = authorizer;
        this.rules = rules;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PATH) && method.equals("POST")) {
                create(exchange, body);
            } else if (path.equals(PATH) && method.equals("GET")) {
                list(exchange, body);
            } else if (path.startsWith(PATH + "/") && method.equals("DELETE")) {
                lift(exchange, body, path.substring(PATH.length() + 1));
            } else {
                throw new AwsServiceException("UnknownOperationException", method + " " + path + " is not an operation here.", 404);
            }
        } catch (AwsServiceException e) {
            HttpExchanges.send(exchange, e.httpStatus(), "application/json",
                    Json.mapper().writeValueAsBytes(Map.of("__type", e.code(), "message", e.getMessage())));
        }
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode json = parse(body);
        AuthorizationResult caller = authorize(exchange, body, "revocation:CreateRule", json.path("Target").asText("*"));
        Instant now = clock.instant();
        CreateRuleRequest request = CreateRuleRequest.from(json, caller.identity().accountId(), now);
        String ruleId = "rr-" + UUID.randomUUID();
        RevocationRule rule = new RevocationRule(ruleId, caller.identity().accountId(), request.scope(), request.target(),
                request.issuedBefore(), now, caller.identity().arn(), request.reason(),
                request.issuedBefore().plusSeconds(CreateRuleRequest.LONGEST_SESSION_SECONDS));
        UnitsOfWork.inTransaction(() -> commands.sendAndWait(new CreateRule(ruleId, rule)));
        LOG.info("rule {} by {}: {} {} issued before {}", ruleId, rule.createdBy(), rule.scope(), rule.target(), rule.issuedBefore());
        HttpExchanges.send(exchange, 201, "application/json", Json.mapper().writeValueAsBytes(view(rule)));
    }

    private void list(HttpExchange exchange, byte[] body) throws IOException {
        AuthorizationResult caller = authorize(exchange, body, "revocation:ListRules", "*");
        List<Map<String, Object>> views = rules.rulesOf(caller.identity().accountId()).stream().map(RulesEndpoint::view).toList();
        HttpExchanges.send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(Map.of("Rules", views)));
    }

    private void lift(HttpExchange exchange, byte[] body, String ruleId) throws IOException {
        AuthorizationResult caller = authorize(exchange, body, "revocation:LiftRule", "*");
        RevocationRule rule = rules.rule(ruleId).filter(r -> r.accountId().equals(caller.identity().accountId()))
                .orElseThrow(() -> new AwsServiceException("ResourceNotFoundException", "No rule " + ruleId + " in this account.", 404));
        UnitsOfWork.inTransaction(() -> commands.sendAndWait(new LiftRule(rule.ruleId(), caller.identity().arn(), clock.instant())));
        HttpExchanges.send(exchange, 204, "application/json", new byte[0]);
    }

    private AuthorizationResult authorize(HttpExchange exchange, byte[] body, String action, String resource) {
        AuthorizationResult result = authorizer.authorize(exchange, body, SERVICE, action, resource);
        if (!result.allowed()) {
            throw new AwsServiceException(result.errorCode(), result.message(), result.httpStatus());
        }
        return result;
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
        view.put("AccountId", rule.accountId());
        view.put("Scope", rule.scope().name());
        view.put("Target", rule.target());
        view.put("IssuedBefore", rule.issuedBefore().toString());
        view.put("CreatedAt", rule.createdAt().toString());
        view.put("CreatedBy", rule.createdBy());
        view.put("Reason", rule.reason());
        view.put("ExpiresAt", rule.expiresAt().toString());
        return view;
    }
}
