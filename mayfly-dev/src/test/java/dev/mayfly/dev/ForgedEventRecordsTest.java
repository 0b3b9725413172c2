package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.EventRecords;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.audit.FeedRefusalTrail;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * An attacker on the Kafka network writes audit records of an account straight to mayfly.events with a plain producer:
 * unsigned, signed with a key of its own, a valid signature moved to another account's key, and a valid record published
 * again. None becomes an audit record or a digest entry (the replayed one stays one record); the audit service counts
 * each refusal in /metrics and summarizes them in the operator's trail once their minute is over.
 */
class ForgedEventRecordsTest {

    private static final Platform PLATFORM = Platform.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern REFUSED = Pattern.compile(
            "mayfly_feed_records_refused_total\\{[^}]*topic=\"mayfly.events\"[^}]*} ([0-9.E]+)");

    @Test
    void auditWhenForgedCallsWrittenToTheEventsTopicThenNeitherProjectedNorDigestedButCountedAndInTheOperatorsTrail() throws Exception {
        NewAccount account = PLATFORM.issuer.accounts().create("forged-events");
        NewAccount other = PLATFORM.issuer.accounts().create("forged-events-other");
        double refusedBefore = refusedCount();
        Instant from = Instant.now().minusSeconds(1);
        ApiCallRecorded unsigned = call(account);
        ApiCallRecorded attackerSigned = call(account);
        ApiCallRecorded replayed = call(account);
        RecordSigner attacker = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC());
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(EventRecords.toEventsTopic(envelope(unsigned))).get();
            producer.send(attacker.sign(EventRecords.toEventsTopic(envelope(attackerSigned)))).get();
            // a record the audit service really signed, for this account: published once, then again, then moved
            ProducerRecord<String, byte[]> signed = auditService().sign(EventRecords.toEventsTopic(envelope(replayed)));
            producer.send(signed).get();
            producer.send(new ProducerRecord<>(signed.topic(), null, signed.key(), signed.value(), signed.headers())).get();
            producer.send(new ProducerRecord<>(signed.topic(), null, other.accountId(), signed.value(), signed.headers())).get();
        }
        sts(root(account)).getCallerIdentity();
        Instant to = Instant.now();
        Thread.sleep(1100);

        String validation = eventually(Duration.ofSeconds(60), () -> {
            String out = validate(account, from, to);
            return out.contains("Records checked: 2\n") && out.contains("Result: intact.") ? out : null;
        });
        assertThat(validation).as("the call and the replayed record, once each, all digested").contains("Records checked: 2\n");
        assertThat(projected(unsigned.eventId())).isZero();
        assertThat(projected(attackerSigned.eventId())).isZero();
        assertThat(projected(replayed.eventId())).isEqualTo(1);
        eventually(Duration.ofSeconds(30), () -> refusedCount() >= refusedBefore + 3 ? true : null);
        eventually(Duration.ofSeconds(120), () -> operatorSummaries(from) > 0 ? true : null);
    }

    /** The audit service's summaries of refused feed records in the operator's trail, of minutes from this one on. */
    private static long operatorSummaries(Instant from) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl()
                            + "/" + AuditIndices.OPERATOR_PATTERN + "/_count")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"query":{"bool":{"filter":[{"term":{"eventName":"%s"}},{"term":{"eventSource":"audit.mayfly"}},
                             {"range":{"eventTime":{"gte":"%s"}}}]}}}""".formatted(FeedRefusalTrail.SUMMARY,
                            from.truncatedTo(ChronoUnit.MINUTES)))).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body()).path("count").asLong();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs as the audit service signs its own calls, with its ring (beside the platform's other keys). */
    private static RecordSigner auditService() throws IOException {
        return new RecordSigner(new PublishedKeyRing(PLATFORM.tokenKeysFile.resolveSibling("audit-feed-signing.keys"),
                PLATFORM.tokenKeysFile.resolveSibling("audit-feed-signing.pub")).loadOrCreate(Instant.now()), Clock.systemUTC());
    }

    private static ApiCallRecorded call(NewAccount account) {
        String id = account.accountId();
        return new ApiCallRecorded(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "sts.amazonaws.com",
                "GetCallerIdentity", "us-east-1", "192.0.2.7", "forger", "req-" + UUID.randomUUID(),
                new UserIdentity("Root", id, "arn:aws:iam::" + id + ":root", id, account.accessKeyId(), null, null),
                Map.of(), null, null, null, List.of(), true, id);
    }

    private static EventEnvelope envelope(ApiCallRecorded call) {
        return new EventEnvelope(call.eventId(), ApiCallRecorded.class.getSimpleName(), call.accountId(), call.eventTime(), null, 0,
                Json.mapper().valueToTree(call));
    }

    /** ./mayfly audit validate of the account's trail in the window. */
    private static String validate(NewAccount account, Instant from, Instant to) {
        Settings settings = Settings.of(Map.of(
                "AWS_ACCESS_KEY_ID", account.accessKeyId(), "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(),
                "MAYFLY_AUDIT_URL", PLATFORM.auditUrl().toString(), "MAYFLY_ISSUER_URL", PLATFORM.issuerUrl().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MayflyCli.run(new String[] {"audit", "validate", "--from", from.toString(), "--to", to.toString()}, settings,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** How many audit records Elasticsearch holds with this event id. */
    private static long projected(String eventId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl()
                        + "/mayfly-cloudtrail-*/_count")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"query":{"term":{"eventID":"%s"}}}""".formatted(eventId))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(response.body());
        return body.path("count").asLong();
    }

    /** The audit service's mayfly_feed_records_refused_total of mayfly.events, from its /metrics. */
    private static double refusedCount() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PLATFORM.audit.managementPort() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher count = REFUSED.matcher(metrics);
            assertThat(count.find()).as("the counter is in /metrics").isTrue();
            return Double.parseDouble(count.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Producer<String, byte[]> producer() {
        return KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers())
                .producer(Map.of(), new StringSerializer(), new ByteArraySerializer());
    }
}
