package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/** ./mayfly audit rebuild puts back records lost from Elasticsearch, from the topic or from the event store, once each. */
class AuditRebuildCommandTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static List<Event> trail(NewAccount account) {
        return cloudTrail(root(account)).lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("EventName")
                .attributeValue("GetCallerIdentity"))).events();
    }

    /** One by one: the embedded node has no delete-by-query. */
    private static void deleteRecordsOf(NewAccount account) throws Exception {
        String elasticsearch = SharedInfrastructure.elasticsearch().httpUrl();
        HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch
                + "/mayfly-cloudtrail-*/_search?size=100&q=recipientAccountId:" + account.accountId())).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode hit : Json.mapper().readTree(found.body()).path("hits").path("hits")) {
            HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + hit.path("_index").asText() + "/_doc/" + hit.path("_id").asText()
                    + "?refresh=true")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String rebuild(String from) {
        Settings settings = Settings.of(Map.of(
                "MAYFLY_ELASTICSEARCH_URL", SharedInfrastructure.elasticsearch().httpUrl(),
                "MAYFLY_KAFKA_BOOTSTRAP", SharedInfrastructure.kafka().bootstrapServers(),
                "MAYFLY_ISSUER_DB_URL", SharedInfrastructure.postgres().database("e2e_issuer"),
                "MAYFLY_REVOCATION_DB_URL", SharedInfrastructure.postgres().database("e2e_revocation"),
                "MAYFLY_ISSUER_DB_POOL", "2", "MAYFLY_REVOCATION_DB_POOL", "2",
                // records of the topic are written back only if a producer signed them: the rebuild needs their public keys
                "MAYFLY_ISSUER_PUBLIC_KEYS_FILE", Platform.get().signingPublicKeysFile().toString(),
                "MAYFLY_REVOCATION_PUBLIC_KEYS_FILE", Platform.get().tokenKeysFile.resolveSibling("revocation-signing.pub").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MayflyCli.run(new String[] {"audit", "rebuild", "--from", from}, settings,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("records written");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rebuildWhenRecordsLostThenBackOnceEachFromTopicAndFromEventStore() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("rebuilt");
        for (int i = 0; i < 3; i++) {
            sts(root(account)).getCallerIdentity();
        }
        eventually(Duration.ofSeconds(15), () -> trail(account).size() == 3 ? true : null);

        for (String from : List.of("topic", "event-store")) {
            deleteRecordsOf(account);
            assertThat(trail(account)).as("lost").isEmpty();

            assertThat(rebuild(from)).startsWith("Rebuilt ");

            // searchable at the next refresh
            assertThat(eventually(Duration.ofSeconds(5), () -> trail(account).size() == 3 ? true : null)).as("rebuilt from " + from).isTrue();
        }
    }
}
