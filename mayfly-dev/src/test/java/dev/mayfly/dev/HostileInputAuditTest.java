package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/**
 * The trail against hostile input: requests built to make Elasticsearch refuse their record (a NUL in a parameter name,
 * invalid UTF-8, JSON nested past the index's depth) neither stop the trail for anyone nor leave a trace of themselves
 * that a sink cannot take, and a call made after them is searchable as always.
 */
class HostileInputAuditTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> post(URI uri, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<JsonNode> recordOf(NewAccount account, String eventName, String requestId) {
        return cloudTrail(root(account)).lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                        .attributeValue(eventName))).events().stream()
                .map(event -> {
                    try {
                        return Json.mapper().readTree(event.cloudTrailEvent());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(record -> record.path("requestID").asText().equals(requestId)).findFirst();
    }

    @Test
    void trailWhenHostileRequestsThenEveryLaterCallIsSearchableAndTheServiceHealthy() throws Exception {
        Platform platform = Platform.get();
        NewAccount tenant = platform.issuer.accounts().create("hostile-input");
        SignedJsonClient signedQuery = new SignedJsonClient(root(tenant), "iam");
        long setAsideBefore = auditHealth().path("recordsSetAside").asLong();

        HttpResponse<String> garbage = post(platform.issuerUrl(), "application/x-www-form-urlencoded",
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'g', 'a', 'r', 'b', 'a', 'g', 'e'});
        assertThat(garbage.statusCode()).isBetween(400, 499);
        assertThat(post(platform.issuerUrl(), "application/x-www-form-urlencoded", "Action=GetCallerIdentity&a%00=1".getBytes())
                .statusCode()).isBetween(400, 499);
        HttpResponse<String> signedPoison = signedQuery.send("GET", URI.create(platform.issuerUrl()
                + "/?Action=GetUser&Version=2010-05-08&a%00=1&b%FF%FE=2&UserName=%00%1B%5B31m"), null);
        assertThat(signedPoison.statusCode()).isEqualTo(400);
        String poisonRequestId = signedPoison.headers().firstValue("x-amzn-RequestId").orElseThrow();
        String deep = "{\"Scope\":\"Account\",\"Target\":\"" + tenant.accountId() + "\",\"Reason\":" + "{\"n\":".repeat(40) + "1"
                + "}".repeat(40) + "}";
        HttpResponse<String> deepRule = new SignedJsonClient(root(tenant), "revocation").send("POST",
                URI.create(platform.revocationUrl() + "/rules"), deep);
        assertThat(deepRule.statusCode()).isEqualTo(400);
        assertThat(deepRule.body()).contains("Reason must be a string");

        String laterRequestId = sts(root(tenant)).getCallerIdentity().responseMetadata().requestId();

        JsonNode later = eventually(Duration.ofSeconds(30), () -> recordOf(tenant, "GetCallerIdentity", laterRequestId).orElse(null));
        assertThat(later.path("eventName").asText()).isEqualTo("GetCallerIdentity");
        JsonNode poison = eventually(Duration.ofSeconds(15), () -> recordOf(tenant, "GetUser", poisonRequestId).orElse(null));
        assertThat(poison.path("requestParameters").path("userName").asText()).as("what the action read, made plain text")
                .isEqualTo("\uFFFD\uFFFD[31m");
        assertThat(poison.path("requestParameters").size()).as("what it did not read is not recorded").isEqualTo(1);
        assertThat(auditHealth().path("recordsSetAside").asLong()).as("nothing of theirs set aside").isEqualTo(setAsideBefore);
        String garbageRequestId = garbage.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(eventually(Duration.ofSeconds(15), () -> operatorTrailHolds(garbageRequestId) ? true : null))
                .as("a call no account can be held to is in the operator's trail").isTrue();
    }

    @Test
    void authorizeWhenTheRequestToDecideIsNullOrIncompleteThenRefusedAsInvalidNotFailed() throws Exception {
        URI authorize = URI.create(Platform.get().issuerUrl() + "/mayfly/authorize");
        for (String incomplete : new String[] {"null", "{}", "{\"method\":\"GET\",\"path\":\"/\",\"headers\":{\"a\":null},"
                + "\"service\":\"sts\",\"action\":\"sts:GetCallerIdentity\",\"resource\":\"*\"}"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(authorize).header("Content-Type", "application/json")
                    .header("Authorization", Platform.get().issuer.serviceCredential("audit").header())
                    .POST(HttpRequest.BodyPublishers.ofString(incomplete)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(incomplete).isEqualTo(200);
            assertThat(answer.body()).as(incomplete).contains("InvalidRequest");
        }
    }

    /** The audit service's health, which must be 200 (UP, or DEGRADED when other tests set records aside). */
    private static JsonNode auditHealth() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(Platform.get().auditUrl() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(health.body());
    }

    private static boolean operatorTrailHolds(String requestId) {
        try {
            HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl() + "/"
                    + AuditIndices.OPERATOR_PATTERN + "/_count?q=requestID:" + requestId)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(found.body()).path("count").asLong() == 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
