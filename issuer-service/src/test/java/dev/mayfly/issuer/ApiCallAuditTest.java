package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.storedEventsContaining;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every call is recorded, bad input gets AWS's answer and never a 5xx, and no secret reaches an event. */
class ApiCallAuditTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(IssuerFixture.endpoint()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unsigned request          | application/x-www-form-urlencoded | Action=GetCallerIdentity&Version=2011-06-15 | 403 | MissingAuthenticationToken
            broken percent-encoding   | application/x-www-form-urlencoded | Action=Get%ZZ                                | 400 | MalformedQueryString
            garbage authorization     | text/plain                        | <xml>nonsense</xml>                          | 403 | MissingAuthenticationToken
            """)
    void requestWhenBadInputThenAwsErrorAndRecorded(String what, String contentType, String body, int status, String code) throws Exception {
        HttpResponse<String> response = post(contentType, body);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>").doesNotContain("Exception").doesNotContain("at dev.");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(storedEventsContaining(requestId)).singleElement().asString()
                .contains("\"errorCode\":\"" + code + "\"");
    }

    @Test
    void requestWhenBodyTooLargeThen413AndRecorded() throws Exception {
        HttpResponse<String> response = post("application/x-www-form-urlencoded", "Action=GetCallerIdentity&Pad=" + "x".repeat(70_000));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("<Code>RequestEntityTooLarge</Code>");
        assertThat(storedEventsContaining(response.headers().firstValue("x-amzn-RequestId").orElseThrow())).hasSize(1);
    }

    @Test
    void requestWhenSignedWithForgedSecretThenRecordedInTheKeysAccount() throws Exception {
        NewAccount account = IssuerFixture.newAccount("forgery");
        try {
            sts(credentials(account.accessKeyId(), "y".repeat(40))).getCallerIdentity();
        } catch (RuntimeException expected) {
            // SignatureDoesNotMatch
        }
        assertThat(storedEventsContaining(account.accessKeyId()))
                .anySatisfy(event -> assertThat(event).contains("\"errorCode\":\"SignatureDoesNotMatch\""));
    }

    @Test
    void secretsWhenKeysAndSessionsIssuedThenInNoStoredEventAndNoKafkaRecord() throws Exception {
        NewAccount account = IssuerFixture.newAccount("secrets");
        var sam = IssuerFixture.userWhoMayAssume(account, "sam", "r");
        var session = sts(sam.user()).assumeRole(r -> r.roleArn(sam.roleArn()).roleSessionName("s1")).credentials();
        String mfaSeed = IssuerFixture.iam(root(account)).createVirtualMFADevice(r -> r.virtualMFADeviceName("phone"))
                .virtualMFADevice().base32StringSeed().asString(StandardCharsets.US_ASCII);
        List<String> secrets = List.of(account.secretAccessKey(), sam.user().secretAccessKey(), session.secretAccessKey(),
                session.sessionToken().substring(0, 64), mfaSeed);

        assertThat(storedEventsContaining(session.accessKeyId())).isNotEmpty();
        for (String secret : secrets) {
            assertThat(storedEventsContaining(secret)).as("stored events").isEmpty();
        }
        String published = kafkaRecordsOf(account.accountId(), session.accessKeyId());
        assertThat(published).contains(session.accessKeyId());
        for (String secret : secrets) {
            assertThat(published).as("Kafka records").doesNotContain(secret);
        }
    }

    /** Every record on mayfly.events under this account's key, once one containing the marker has arrived. */
    private static String kafkaRecordsOf(String accountId, String marker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "secrets-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline) && !all.toString().contains(marker)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (accountId.equals(record.key())) {
                        all.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    @Test
    void metricsWhenCallsMadeThenCountedByActionAndOutcome() throws Exception {
        NewAccount account = IssuerFixture.newAccount("metrics");
        sts(root(account)).getCallerIdentity();
        post("application/x-www-form-urlencoded", "Action=NoSuchThing");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(IssuerFixture.managementEndpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("mayfly_api_requests_seconds_count\\{action=\"GetCallerIdentity\",outcome=\"OK\",service=\"issuer\"}")
                .containsPattern("mayfly_api_requests_seconds_count\\{action=\"Unknown\",outcome=\"MissingAuthenticationToken\"")
                .contains("mayfly_revocation_feed_age_seconds").contains("jvm_memory_used_bytes")
                .doesNotContain(account.accountId());
    }

    @Test
    void recordWhenTheCallCarriesParametersTheActionDoesNotReadThenOnlyItsOwnAreRecordedAsItTypesThem() throws Exception {
        NewAccount account = IssuerFixture.newAccount("documented");
        var sam = IssuerFixture.userWhoMayAssume(account, "sam", "r");
        String sessionName = "documented-" + System.nanoTime();

        sts(sam.user()).assumeRole(r -> r.roleArn(sam.roleArn()).roleSessionName(sessionName).durationSeconds(1200)
                .overrideConfiguration(o -> o.putRawQueryParameter("Smuggled", "x").putRawQueryParameter("a\u0000", "y")));

        assertThat(storedEventsContaining(sessionName)).filteredOn(event -> event.contains("\"eventName\":\"AssumeRole\""))
                .singleElement().satisfies(event -> assertThat(event)
                .contains("\"durationSeconds\":1200").contains("\"roleSessionName\":\"" + sessionName + "\"")
                .doesNotContain("muggled").doesNotContain("\\u0000"));
    }

    @Test
    void healthzWhenReadyThen200() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }
}
