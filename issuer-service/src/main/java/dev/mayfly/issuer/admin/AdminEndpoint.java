package dev.mayfly.issuer.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /mayfly/admin/accounts {"Name": "..."} with {@code Authorization: Bearer <admin token>}: creates a
 * tenant and answers {"AccountId", "AccessKeyId", "SecretAccessKey"} for its root. The token is compared
 * in constant time.
 */
public final class AdminEndpoint implements HttpHandler {

    public static final String ACCOUNTS_PATH = "/mayfly/admin/accounts";
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    private final byte[] adminToken;
    private final AccountProvisioner provisioner;

    public AdminEndpoint(String adminToken, AccountProvisioner provisioner) {
        this.adminToken = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        this.provisioner = provisioner;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !MessageDigest.isEqual(adminToken, authorization.getBytes(StandardCharsets.UTF_8))) {
                throw new AwsServiceException("AccessDenied", "A valid admin token is required.", 403);
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(ACCOUNTS_PATH)) {
                throw new AwsServiceException("NotFound", "Only POST " + ACCOUNTS_PATH + " exists here.", 404);
            }
            JsonNode request = readJson(HttpExchanges.readBody(exchange, 4096));
            String name = request.path("Name").asText("");
            if (name.isBlank() || name.length() > 64) {
                throw AwsServiceException.validation("Name is required: 1 to 64 characters.");
            }
            AccountProvisioner.NewAccount account = provisioner.create(name);
            LOG.info("created account {} ({})", account.accountId(), name);
            Map<String, String> response = new LinkedHashMap<>();
            response.put("AccountId", account.accountId());
            response.put("AccessKeyId", account.accessKeyId());
            response.put("SecretAccessKey", account.secretAccessKey());
            HttpExchanges.send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(response));
        } catch (AwsServiceException e) {
            HttpExchanges.send(exchange, e.httpStatus(), "application/json",
                    Json.mapper().writeValueAsBytes(Map.of("Code", e.code(), "Message", e.getMessage())));
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw AwsServiceException.validation("The body must be JSON.");
        }
    }
}
