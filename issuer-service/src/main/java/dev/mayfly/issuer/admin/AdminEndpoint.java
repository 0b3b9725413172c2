package dev.mayfly.issuer.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /mayfly/admin/accounts {"Name": "..."} with {@code Authorization: Bearer <admin token>}: creates a
 * tenant and answers {"AccountId", "AccessKeyId", "SecretAccessKey"} for its root. The token is compared
 * in constant time. Every call, accepted or refused, is recorded (eventSource admin.mayfly); a new account's
 * record is in its own trail, committed with the account itself.
 */
public final class AdminEndpoint implements HttpHandler {

    public static final String ACCOUNTS_PATH = "/mayfly/admin/accounts";
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    static final String EVENT_SOURCE = "admin.mayfly";
    /** Who made the call: the holder of the admin token, which names no IAM principal. */
    private static final UserIdentity OPERATOR = new UserIdentity("MayflyOperator", "admin-token", null, null, null, null, null);

    private final byte[] adminToken;
    private final AccountProvisioner provisioner;
    private final ApiCallRecorder recorder;
    private final Clock clock;

    public AdminEndpoint(String adminToken, AccountProvisioner provisioner, ApiCallRecorder recorder, Clock clock) {
        this.adminToken = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        this.provisioner = provisioner;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant at = clock.instant();
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> parameters = new LinkedHashMap<>();
        boolean authenticated = false;
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(adminToken, authorization.getBytes(StandardCharsets.UTF_8))) {
                throw new AwsServiceException("AccessDenied", "A valid admin token is required.", 403);
            }
            authenticated = true;
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(ACCOUNTS_PATH)) {
                throw new AwsServiceException("NotFound", "Only POST " + ACCOUNTS_PATH + " exists here.", 404);
            }
            JsonNode request = readJson(HttpExchanges.readBody(exchange, 4096));
            String name = request.path("Name").asText("");
            parameters.put("name", name.length() > 128 ? name.substring(0, 128) : name);
            if (name.isBlank() || name.length() > 64) {
                throw AwsServiceException.validation("Name is required: 1 to 64 characters.");
            }
            boolean operator = authenticated;
            AccountProvisioner.NewAccount account = UnitsOfWork.inTransaction(() -> {
                AccountProvisioner.NewAccount created = provisioner.create(name);
                recorder.record(record(requestId, at, exchange, operator, parameters, created.accountId(),
                        Map.of("accountId", created.accountId(), "accessKeyId", created.accessKeyId()), null, null));
                return created;
            });
            LOG.info("created account {} ({})", account.accountId(), name);
            Map<String, String> response = new LinkedHashMap<>();
            response.put("AccountId", account.accountId());
            response.put("AccessKeyId", account.accessKeyId());
            response.put("SecretAccessKey", account.secretAccessKey());
            HttpExchanges.send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(response));
        } catch (AwsServiceException e) {
            boolean operator = authenticated;
            UnitsOfWork.inTransaction(() -> {
                recorder.record(record(requestId, at, exchange, operator, parameters, null, null, e.code(), e.getMessage()));
                return null;
            });
            HttpExchanges.send(exchange, e.httpStatus(), "application/json",
                    Json.mapper().writeValueAsBytes(Map.of("Code", e.code(), "Message", e.getMessage())));
        }
    }

    private static ApiCallRecorded record(String requestId, Instant at, HttpExchange exchange, boolean operator,
                                          Map<String, Object> parameters, String accountId, Map<String, Object> response,
                                          String errorCode, String errorMessage) {
        return new ApiCallRecorded(UUID.randomUUID().toString(), at, EVENT_SOURCE, "CreateAccount", "us-east-1",
                HttpExchanges.sourceIp(exchange), exchange.getRequestHeaders().getFirst("User-Agent"), requestId,
                operator ? OPERATOR : null, Map.copyOf(parameters), response, errorCode, errorMessage, List.of(), false, accountId);
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw AwsServiceException.validation("The body must be JSON.");
        }
    }
}
