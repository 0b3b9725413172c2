package dev.mayfly.issuer.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.api.AccountCommands.PreviousRootKeys;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.audit.AuditedEndpoint;
import dev.mayfly.runtime.audit.CallAuditing;
import dev.mayfly.runtime.rest.RestRoutes;
import dev.mayfly.runtime.rest.Route;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's endpoints, with {@code Authorization: Bearer <admin token>} ({@link AdminToken}: compared in constant
 * time, rotated by rewriting its file):
 * <ul>
 *   <li>POST /mayfly/admin/accounts {"Name": "..."}: creates a tenant and answers {"AccountId", "AccessKeyId",
 *       "SecretAccessKey"} for its root; the record of the call is in the new account's own trail;</li>
 *   <li>POST /mayfly/admin/token-keys/rotate: a new key seals session tokens from now on; answers
 *       {"CurrentKeyId", "KeyIds"} (ids only, never key material);</li>
 *   <li>POST /mayfly/admin/sts-regions {"AccountId", "Region", "Active": true|false}: activates or deactivates STS in a
 *       region for an account (AWS does this from its IAM console); answers {"AccountId", "InactiveRegions"};</li>
 *   <li>POST /mayfly/admin/root-keys/rotate {"AccountId", "Previous": "Deactivate" (default) | "Delete" | "KeepActive"}:
 *       a new root access key for the account, answered once as {"AccountId", "AccessKeyId", "SecretAccessKey",
 *       "DeactivatedKeyIds", "DeletedKeyIds"}; the record of the call, without the secret, is in the account's trail.</li>
 * </ul>
 * Every call, accepted or refused, is recorded (eventSource admin.mayfly), committed with what it changed. Served on the
 * issuer's {@link dev.mayfly.runtime.ManagementListener} only: its public port answers 404 for these paths.
 */
public final class AdminEndpoint extends AuditedEndpoint {

    public static final String PATH = "/mayfly/admin/";
    static final String ACCOUNTS_PATH = PATH + "accounts";
    static final String ROTATE_PATH = PATH + "token-keys/rotate";
    static final String STS_REGIONS_PATH = PATH + "sts-regions";
    static final String ROOT_KEYS_PATH = PATH + "root-keys/rotate";
    /** The API's operations: what service-models/openapi/admin.json describes. */
    public static final RestRoutes ROUTES = RestRoutes.of(
            new Route("POST", ACCOUNTS_PATH, "CreateAccount"),
            new Route("POST", ROTATE_PATH, "RotateSessionTokenKeys"),
            new Route("POST", STS_REGIONS_PATH, "SetStsRegionActivation"),
            new Route("POST", ROOT_KEYS_PATH, "RotateRootAccessKey"));
    static final String EVENT_SOURCE = "admin.mayfly";
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    /** Who made the call: the holder of the admin token, which names no IAM principal. */
    private static final UserIdentity OPERATOR = new UserIdentity("MayflyOperator", "admin-token", null, null, null, null, null);

    private final AdminToken adminToken;
    private final AccountProvisioner provisioner;
    private final TokenKeyRotation rotation;

    public AdminEndpoint(AdminToken adminToken, AccountProvisioner provisioner, TokenKeyRotation rotation, CallAuditing auditing) {
        super(EVENT_SOURCE, 4096, auditing);
        this.adminToken = adminToken;
        this.provisioner = provisioner;
        this.rotation = rotation;
    }

    @Override
    protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!adminToken.admits(authorization)) {
            throw new AwsServiceException("AccessDenied", "A valid admin token is required.", 403);
        }
        call.verified(OPERATOR);
        call.parameters = new LinkedHashMap<>();
        String operation = ROUTES.match(exchange.getRequestMethod(), exchange.getRequestURI().getPath())
                .orElseThrow(() -> new AwsServiceException("NotFound", "Only POST " + String.join(", ",
                        ROUTES.routes().stream().map(Route::template).toList()) + " exist here.", 404)).operation();
        call.eventName = operation;
        return switch (operation) {
            case "CreateAccount" -> createAccount(body, call);
            case "RotateSessionTokenKeys" -> rotateTokenKeys(call);
            case "RotateRootAccessKey" -> rotateRootKey(body, call);
            case "SetStsRegionActivation" -> setStsRegion(body, call);
            default -> throw new IllegalStateException("a route without a handler: " + operation);
        };
    }

    @Override
    protected byte[] errorBody(Failure failure, Call call) throws IOException {
        return Json.mapper().writeValueAsBytes(Map.of("Code", failure.code(), "Message", failure.message()));
    }

    private Outcome createAccount(byte[] body, Call call) {
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
        call.recipientAccountId = account.accountId();
        return new Outcome(200, response, Map.of("accountId", account.accountId(), "accessKeyId", account.accessKeyId()), List.of());
    }

    private Outcome setStsRegion(byte[] body, Call call) {
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
        call.recipientAccountId = accountId;
        return new Outcome(200, response, Map.of("region", region, "active", active.asBoolean()), List.of());
    }

    private Outcome rotateRootKey(byte[] body, Call call) {
        JsonNode request = readJson(body);
        String accountId = request.path("AccountId").asText("");
        String previousName = request.path("Previous").asText("Deactivate");
        call.parameters.put("accountId", accountId.length() > 12 ? accountId.substring(0, 12) : accountId);
        call.parameters.put("previous", previousName.length() > 16 ? previousName.substring(0, 16) : previousName);
        PreviousRootKeys previous = switch (previousName) {
            case "Deactivate" -> PreviousRootKeys.DEACTIVATE;
            case "Delete" -> PreviousRootKeys.DELETE;
            case "KeepActive" -> PreviousRootKeys.KEEP_ACTIVE;
            default -> throw AwsServiceException.validation("Previous is Deactivate (the default), Delete or KeepActive.");
        };
        if (!accountId.matches("\\d{12}")) {
            throw AwsServiceException.validation("AccountId (12 digits) is required.");
        }
        AccountProvisioner.RotatedRootKey rotated = provisioner.rotateRootKey(AccountId.of(accountId), previous);
        call.recipientAccountId = accountId;
        LOG.info("root key of account {} rotated: {} created, {} deactivated, {} deleted", accountId, rotated.accessKeyId(),
                rotated.deactivatedKeyIds(), rotated.deletedKeyIds());
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("AccountId", accountId);
        recorded.put("AccessKeyId", rotated.accessKeyId());
        recorded.put("DeactivatedKeyIds", rotated.deactivatedKeyIds());
        recorded.put("DeletedKeyIds", rotated.deletedKeyIds());
        Map<String, Object> response = new LinkedHashMap<>(recorded);
        response.put("SecretAccessKey", rotated.secretAccessKey());
        return new Outcome(200, response, recorded, List.of());
    }

    private Outcome rotateTokenKeys(Call call) {
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
        return new Outcome(200, response, Map.of("currentKeyId", ring.currentKeyId(), "keyIds", ring.keyIds()), List.of());
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw AwsServiceException.validation("The body must be JSON.");
        }
    }
}
