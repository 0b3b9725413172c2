package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.integrity.DigestSigner;
import dev.mayfly.audit.integrity.DigestStore;
import dev.mayfly.audit.integrity.Pem;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.contract.ApiCallRecorded.SessionContext;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.signing.PublishedKeyRing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./mayfly audit validate against the running platform: an untouched trail is intact; records changed, deleted or
 * added in Elasticsearch behind the service's back, and digests altered or removed, are each reported.
 */
class AuditValidateTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path files;

    /** What a run of the command printed, and its exit status. */
    private record Run(int status, String out, String err) {
    }

    private static Run audit(NewAccount account, String... args) {
        Settings settings = Settings.of(Map.of(
                "AWS_ACCESS_KEY_ID", account.accessKeyId(), "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(),
                "MAYFLY_AUDIT_URL", Platform.get().auditUrl().toString(), "MAYFLY_ISSUER_URL", Platform.get().issuerUrl().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[args.length + 1];
        command[0] = "audit";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = MayflyCli.run(command, settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An account with a few calls, all of them digested; the window that holds them. */
    private static Instant[] digestedCalls(NewAccount account, int calls) throws InterruptedException {
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < calls; i++) {
            sts(root(account)).getCallerIdentity();
        }
        Instant to = Instant.now();
        // the validations below are calls too: they must fall after the window, and records hold whole seconds
        Thread.sleep(1100);
        Run[] last = new Run[1];
        try {
            eventually(Duration.ofSeconds(30), () -> {
                last[0] = audit(account, "validate", "--from", from.toString(), "--to", to.toString());
                return last[0].status() == 0 && last[0].out().contains("Records checked: " + calls + "\n") ? last[0] : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError("never digested; the last validation said: " + last[0], e);
        }
        return new Instant[] {from, to};
    }

    private static JsonNode elasticsearch(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return Json.mapper().readTree(response.body());
    }

    private static List<JsonNode> hits(String index, String accountField, NewAccount account) throws IOException, InterruptedException {
        return hits(index, accountField, account.accountId());
    }

    private static List<JsonNode> hits(String index, String field, String value) throws IOException, InterruptedException {
        JsonNode result = elasticsearch("POST", "/" + index + "/_search", """
                {"size":100,"query":{"term":{"%s":"%s"}},"sort":[{"eventTime":"asc"}]}""".formatted(field, value)
                .replace("\"sort\":[{\"eventTime\":\"asc\"}]", index.equals(DigestStore.INDEX) ? "\"sort\":[{\"periodStart\":\"asc\"}]"
                        : "\"sort\":[{\"eventTime\":\"asc\"}]"));
        return List.copyOf(Json.mapper().convertValue(result.path("hits").path("hits"), List.class).stream()
                .map(hit -> (JsonNode) Json.mapper().valueToTree(hit)).toList());
    }

    @Test
    void validateWhenARecordWasSetAsideThenItIsCheckedFromTheDeadLetterStoreAndTheTrailIsIntact() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("set-aside");
        String id = account.accountId();
        Instant from = Instant.now().minusSeconds(1);
        sts(root(account)).getCallerIdentity();
        // a record Elasticsearch refuses (no date field takes year 20000), as a producer's bug would publish it
        ApiCallRecorded refused = new ApiCallRecorded(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.7", "test", "req-set-aside",
                new UserIdentity("AssumedRole", "AROA:s", "arn:aws:sts::" + id + ":assumed-role/r/s", id, "ASIA", null,
                        new SessionContext(null, Instant.parse("+20000-01-01T00:00:00Z"), false, null)),
                Map.of(), null, null, null, List.of(), true, id);
        // published as the audit service publishes its own calls, signed with its key
        RecordSigner auditKeys = new RecordSigner(new PublishedKeyRing(Platform.get().tokenKeysFile.resolveSibling("audit-feed-signing.keys"),
                Platform.get().tokenKeysFile.resolveSibling("audit-feed-signing.pub")).loadOrCreate(Instant.now()), Clock.systemUTC());
        try (ApiCallSender sender = new ApiCallSender(KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), "set-aside-test",
                auditKeys)) {
            sender.send(refused);
        }
        Instant to = Instant.now();
        Thread.sleep(1100);

        Run run = eventually(Duration.ofSeconds(60), () -> {
            Run attempt = audit(account, "validate", "--from", from.toString(), "--to", to.toString());
            return attempt.out().contains("Records checked: 2\n") ? attempt : null;
        });

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Result: intact.").contains("Set aside: 1 record(s)");
        assertThat(hits(DeadLetters.INDEX, "eventID", refused.eventId())).hasSize(1);
    }

    @Test
    void validateWhenTrailUntouchedThenIntactWithStatusZero() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("untouched");
        Instant[] window = digestedCalls(account, 3);

        Run run = audit(account, "validate", "--account", account.accountId(), "--from", window[0].toString(), "--to", window[1].toString());

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Records checked: 3").contains("Result: intact.");
        assertThat(run.err()).contains("Trusting the keys the service reports");
    }

    @Test
    void validateWhenRecordsModifiedDeletedAndInsertedThenEachReported() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("tampered");
        Instant[] window = digestedCalls(account, 4);
        List<JsonNode> records = hits("mayfly-cloudtrail-*", "recipientAccountId", account);
        assertThat(records).hasSizeGreaterThanOrEqualTo(4);
        JsonNode modified = records.get(0);
        JsonNode deleted = records.get(1);
        ObjectNode changed = (ObjectNode) modified.path("_source").deepCopy();
        changed.put("sourceIPAddress", "198.51.100.66");
        elasticsearch("PUT", "/" + modified.path("_index").asText() + "/_doc/" + modified.path("_id").asText() + "?refresh=true",
                changed.toString());
        elasticsearch("DELETE", "/" + deleted.path("_index").asText() + "/_doc/" + deleted.path("_id").asText() + "?refresh=true", null);
        ObjectNode forged = (ObjectNode) records.get(2).path("_source").deepCopy();
        forged.put("eventID", "forged-event");
        elasticsearch("PUT", "/" + records.get(2).path("_index").asText() + "/_doc/forged-event?refresh=true", forged.toString());

        Run run = audit(account, "validate", "--from", window[0].toString(), "--to", window[1].toString());

        assertThat(run.status()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains("MODIFIED  record " + modified.path("_id").asText())
                .contains("DELETED   record " + deleted.path("_id").asText())
                .contains("INSERTED  record forged-event")
                .contains("Result: NOT intact: 3 record(s)");
    }

    @Test
    void validateWhenDigestAlteredOrDeletedThenChainReported() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("forged-digest");
        Instant[] window = digestedCalls(account, 2);
        // wait for two more periods, so that a digest can go missing between two others
        Thread.sleep(Platform.DIGEST_PERIOD.multipliedBy(3).toMillis());
        List<JsonNode> digests = hits(DigestStore.INDEX, "accountId", account);
        JsonNode withRecords = digests.stream().filter(d -> d.path("_source").path("records").size() > 0).findFirst().orElseThrow();
        ObjectNode altered = (ObjectNode) withRecords.path("_source").deepCopy();
        ((ObjectNode) altered.path("records").get(0)).put("sha256", "0".repeat(64));
        elasticsearch("PUT", "/" + DigestStore.INDEX + "/_doc/" + withRecords.path("_id").asText() + "?refresh=true", altered.toString());
        JsonNode next = digests.get(digests.indexOf(withRecords) + 1);
        elasticsearch("DELETE", "/" + DigestStore.INDEX + "/_doc/" + next.path("_id").asText() + "?refresh=true", null);

        Run run = audit(account, "validate", "--from", window[0].toString(), "--to", Instant.now().toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("does not match its signature").contains("digests were deleted");
    }

    @Test
    void validateWhenAuditorKeepsTheKeyThenServiceKeyNotNeededAndForgedKeyRefused() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("auditor");
        Instant[] window = digestedCalls(account, 2);
        Run exported = audit(account, "public-key");
        assertThat(exported.out()).startsWith("-----BEGIN PUBLIC KEY-----");
        Path kept = Files.writeString(files.resolve("mayfly-audit.pem"), exported.out());
        DigestSigner other = DigestSigner.fromFile(files.resolve("other.key"));
        Path foreign = Files.writeString(files.resolve("foreign.pem"), Pem.encode(other.publicKeyDer(), "PUBLIC KEY"));

        Run trusted = audit(account, "validate", "--from", window[0].toString(), "--to", window[1].toString(), "--public-key", kept.toString());
        Run untrusted = audit(account, "validate", "--from", window[0].toString(), "--to", window[1].toString(), "--public-key",
                foreign.toString());

        assertThat(trusted.status()).as(trusted.out()).isZero();
        assertThat(trusted.err()).doesNotContain("Trusting the key");
        assertThat(untrusted.status()).isEqualTo(1);
        assertThat(untrusted.out()).contains("signed with a key that is not trusted");
    }

    @Test
    void validateWhenAnotherAccountNamedOrUsageWrongThenClearErrors() {
        NewAccount account = Platform.get().issuer.accounts().create("usage");

        Run other = audit(account, "validate", "--account", "999999999999", "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z");
        Run usage = audit(account, "validate", "--from", "yesterday");
        Run badTime = audit(account, "validate", "--from", "yesterday", "--to", "today");

        assertThat(other.status()).isEqualTo(1);
        assertThat(other.err()).contains("These credentials are account " + account.accountId());
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("Usage: ./mayfly audit validate");
        assertThat(badTime.err()).contains("--from is an ISO-8601 time");
    }
}
