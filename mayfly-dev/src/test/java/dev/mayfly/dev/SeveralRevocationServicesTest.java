package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.revocation.RevocationService;
import dev.mayfly.revocation.RevocationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A second revocation service on the platform's event store and keys, as a rolling deploy runs one beside the first: a
 * rule created through one is listed by the other and lifted through it, and the first no longer lists it; the second
 * stands by while the first publishes the rules in force, and answers a rule created through it published once the first
 * has published it.
 */
class SeveralRevocationServicesTest {

    private final Platform platform = Platform.get();

    private static HttpResponse<String> call(NewAccount account, URI service, String method, String path, String json) {
        try {
            return new SignedJsonClient(root(account), "revocation").send(method, URI.create(service + path), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean lists(NewAccount account, URI service, String ruleId) {
        try {
            return Json.mapper().readTree(call(account, service, "GET", "/rules", null).body()).path("Rules").findValuesAsText("RuleId")
                    .contains(ruleId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void ruleWhenCreatedThroughOneServiceThenListedAndLiftedThroughTheOther() throws Exception {
        RevocationSettings first = platform.revocationSettings;
        try (RevocationService second = RevocationService.start(new RevocationSettings(first.host(), FreePorts.next(), first.database(),
                first.kafka(), first.kafkaReplication(), first.eventPartitions(), first.issuerUrl(), first.requestLimits(),
                first.serviceCredentialFile()), Clock.systemUTC())) {
            URI secondUrl = URI.create("http://127.0.0.1:" + second.port());
            NewAccount account = platform.issuer.accounts().create("two-revocations");
            HttpResponse<String> created = call(account, platform.revocationUrl(), "POST", "/rules",
                    "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode rule = Json.mapper().readTree(created.body());
            String ruleId = rule.path("RuleId").asText();

            PlatformEndToEndTest.eventually(Duration.ofSeconds(10), () -> lists(account, secondUrl, ruleId) ? true : null);
            assertThat(call(account, secondUrl, "DELETE", "/rules/" + ruleId, null).statusCode()).isEqualTo(204);
            PlatformEndToEndTest.eventually(Duration.ofSeconds(10), () -> lists(account, platform.revocationUrl(), ruleId) ? null : true);

            assertThat(platform.revocation.republishesRules()).isTrue();
            assertThat(second.republishesRules()).as("stands by while the first publishes").isFalse();
        }
    }

    @Test
    void ruleWhenCreatedThroughTheServiceThatStandsByThenAnsweredPublishedOnceTheOtherPublishedIt() throws Exception {
        RevocationSettings first = platform.revocationSettings;
        try (RevocationService second = RevocationService.start(new RevocationSettings(first.host(), FreePorts.next(), first.database(),
                first.kafka(), first.kafkaReplication(), first.eventPartitions(), first.issuerUrl(), first.requestLimits(),
                first.serviceCredentialFile()), Clock.systemUTC())) {
            URI secondUrl = URI.create("http://127.0.0.1:" + second.port());
            NewAccount account = platform.issuer.accounts().create("standby-creates");

            HttpResponse<String> created = call(account, secondUrl, "POST", "/rules", "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\"}");

            assertThat(second.republishesRules()).isFalse();
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Json.mapper().readTree(created.body()).path("State").asText()).isEqualTo("Published");
            JsonNode listed = Json.mapper().readTree(call(account, secondUrl, "GET", "/rules", null).body()).path("Rules");
            assertThat(listed).singleElement().satisfies(rule -> assertThat(rule.path("State").asText()).isEqualTo("Published"));
        }
    }
}
