package dev.mayfly.issuer.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.eventstore.ApiCallRecorder;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's endpoints, with {@code Authorization: Bearer <admin token>} (compared in constant time):
 * <ul>
 *   <li>POST /mayfly/admin/accounts {"Name": "..."}: creates a tenant and answers {"AccountId", "AccessKeyId",
 *       "SecretAccessKey"} for its root; the record of the call is in the new account's own trail;</li>
 *   <li>POST /mayfly/admin/token-keys/rotate: a new key seals session tokens from now on; answers
 *       {"CurrentKeyId", "KeyIds"} (ids only, never key material);</li>
 *   <li>POST /mayfly/admin/sts-regions {"AccountId", "Region", "Active": true|false}: activates or deactivates STS in a
 *       region for an account (AWS does this from its IAM console); answers {"AccountId", "InactiveRegions"}.</li>
 * </ul>
 * Every call, accepted or refused, is recorded (eventSource admin.mayfly), committed with what it changed.
 */
public final class AdminEndpoint implements HttpHandler {

    public static final String PATH = "/mayfly/admin/";
    static final String ACCOUNTS_PATH = PATH + "accounts";
    static final String ROTATE_PATH = PATH + "token-keys/rotate";
    static final String STS_REGIONS_PATH = PATH + "sts-regions";
    static final String EVENT_SOURCE = "admin.mayfly";
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    /** Who made the call: the holder of the admin token, which names no IAM principal. */
    private static final UserIdentity OPERATOR = new UserIdentity("MayflyOperator", "admin-token", null, null, null, null, null);

    private final byte[] adminToken;
    private final AccountProvisioner provisioner;
    private final TokenKeyRotation rotation;
    private final ApiCallRecorder recorder;
    private final Clock clock;

    public AdminEndpoint(String adminToken, AccountProvisioner provisioner, TokenKeyRotation rotation, ApiCallRecorder recorder,
                         Clock clock) {
        this.adminToken = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        this.provisioner = provisioner;
        this.rotation = rotation;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** What an operation answers, and what its record shows. */
    private record Outcome(Map<String, Object> body, Map<String, Object> recorded, String accountId) {
    }

    /** What is known of a call as it proceeds. */
    private static final class Call {
        final String requestId = RandomUuids.nextString();
        final Instant at;
        String eventName = "Unknown";
        boolean authenticated;
        final Map<String, Object> parameters = new LinkedHashMap<>();

        Call(Instant at) {
            this.at = at;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(clock.instant());
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(adminToken, authorization.getBytes(StandardCharsets.UTF_8))) {
                throw new AwsServiceException("AccessDenied", "A valid admin token is required.", 403);
            }
            call.authenticated = true;
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST") || !List.of(ACCOUNTS_PATH, ROTATE_PATH, STS_REGIONS_PATH).contains(path)) {
                throw new AwsServiceException("NotFound", "Only POST " + ACCOUNTS_PATH + ", " + ROTATE_PATH + " and "
                        + STS_REGIONS_PATH + " exist here.", 404);
            }
            byte[] body = HttpExchanges.readBody(exchange, 4096);
            Outcome outcome = UnitsOfWork.inTransaction(() -> {
                Outcome result = switch (path) {
                    case ACCOUNTS_PATH -> createAccount(body, call);
                    case ROTATE_PATH -> rotateTokenKeys(call);
                    default -> setStsRegion(body, call);
                };
                recorder.record(record(call, exchange, result.accountId(), result.recorded(), null, null));
                return result;
            });
            HttpExchanges.send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(outcome.body()));
        } catch (AwsServiceException e) {
            UnitsOfWork.inTransaction(() -> {
                recorder.record(record(call, exchange, null, null, e.code(), e.getMessage()));
                return null;
            });
            HttpExchanges.send(exchange, e.httpStatus(), "application/json",
                    Json.mapper().writeValueAsBytes(Map.of("Code", e.code(), "Message", e.getMessage())));
        }
    }

    private Outcome createAccount(byte[] body, Call call) {
        call.eventName = "CreateAccount";
        JsonNode request = readJson(body);
        String name = request.path("Name").asText("");
        call.parameters.put("name", name.length() > 128 ? name.substring(0, 128) : name);
        if (name.isBlank() || name.length() > 64) {
            throw AwsServiceException.validation("Name is required: 1 to 64 characters.");
        }
        AccountProvisioner.NewAccount account = provisioner.create(name);
        LOG.info("created account {} ({})", account.accountId(), name);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("AccountId", account.accountId());
        response.put("AccessKeyId", account.accessKeyId());
        response.put("SecretAccessKey", account.secretAccessKey());
        return new Outcome(response, Map.of("accountId", account.accountId(), "accessKeyId", account.accessKeyId()),
                account.accountId());
    }

    private Outcome setStsRegion(byte[] body, Call call) {
        call.eventName = "SetStsRegionActivation";
        JsonNode request = readJson(body);
        String accountId = request.path("AccountId").asText("");
        String region = request.path("Region").asText("");
        JsonNode active = request.path("Active");
        call.parameters.put("accountId", accountId.length() > 12 ? accountId.substring(0, 12) : accountId);
        call.parameters.put("region", region.length() > 32 ? region.substring(0, 32) : region);
        if (!accountId.matches("\\d{12}") || !region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}") || !active.isBoolean()) {
            throw AwsServiceException.validation("AccountId (12 digits), Region (like eu-west-1) and Active (true or false) are required.");
        }
        call.parameters.put("active", active.asBoolean());
        Set<String> inactive = provisioner.setStsRegionActive(AccountId.of(accountId), region, active.asBoolean());
        LOG.info("STS {} in {} for account {}", active.asBoolean() ? "activated" : "deactivated", region, accountId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("AccountId", accountId);
        response.put("InactiveRegions", new java.util.TreeSet<>(inactive));
        return new Outcome(response, Map.of("region", region, "active", active.asBoolean()), accountId);
    }

    private Outcome rotateTokenKeys(Call call) {
        call.eventName = "RotateSessionTokenKeys";
        KeyRing ring;
        try {
            ring = rotation.rotate();
        } catch (IOException e) {
            throw new AwsServiceException("InternalFailure", "The token key file could not be rotated.", 500);
        }
        LOG.info("session token keys rotated: {} seals, {} key(s) open", ring.currentKeyId(), ring.keyIds().size());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("CurrentKeyId", ring.currentKeyId());
        response.put("KeyIds", ring.keyIds());
        return new Outcome(response, Map.of("currentKeyId", ring.currentKeyId(), "keyIds", ring.keyIds()), null);
    }

    private static ApiCallRecorded record(Call call, HttpExchange exchange, String accountId, Map<String, Object> response,
                                          String errorCode, String errorMessage) {
        return new ApiCallRecorded(RandomUuids.nextString(), call.at, EVENT_SOURCE, call.eventName, "us-east-1",
                HttpExchanges.sourceIp(exchange), exchange.getRequestHeaders().getFirst("User-Agent"), call.requestId,
                call.authenticated ? OPERATOR : null, Map.copyOf(call.parameters), response, errorCode, errorMessage,
                List.of(), false, accountId);
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw AwsServiceException.validation("The body must be JSON.");
        }
    }
}
