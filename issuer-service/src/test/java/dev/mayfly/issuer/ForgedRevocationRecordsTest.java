package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * An attacker on the Kafka network tries to lift a revocation at the issuer, with a plain producer: an unsigned
 * tombstone, one signed with a key of its own, another rule's signed lift moved onto the rule, and (the other way) the
 * rule's old record published again after its lift. The issuer's
 * index never changes, and /metrics counts each refusal.
 */
class ForgedRevocationRecordsTest {

    private static final Pattern REFUSED = Pattern.compile(
            "mayfly_feed_records_refused_total\\{[^}]*topic=\"mayfly.revocations\"[^}]*} ([0-9.E]+)");
    private final RecordSigner revocationService = revocationServiceSigner();

    @Test
    void revocationWhenAttackerPublishesLiftsUnsignedWithItsOwnKeyOrWithAnotherRulesSignatureThenSessionStillRefusedAndCounted()
            throws Exception {
        NewAccount account = IssuerFixture.newAccount("forged-lift");
        AwsCredentials session = IssuerFixture.credentials(IssuerFixture.sts(IssuerFixture.root(account)).getSessionToken().credentials());
        String ruleId = "rr-" + UUID.randomUUID();
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(revocationOf(account, ruleId))).get();
            eventually(() -> refused(session));
            double refusedBefore = refusedCount();

            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null)).get();
            RecordSigner attacker = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC());
            producer.send(attacker.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
            ProducerRecord<String, byte[]> otherLift = revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, "rr-" + UUID.randomUUID(), null));
            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, null, ruleId, null, otherLift.headers())).get();

            eventually(() -> refusedCount() >= refusedBefore + 3);
            assertThat(refused(session)).as("the rule still holds").isTrue();
        }
    }

    @Test
    void revocationWhenAttackerReplaysTheRuleAfterItsLiftThenSessionStillAllowedAndCounted() throws Exception {
        NewAccount account = IssuerFixture.newAccount("replayed-rule");
        AwsCredentials session = IssuerFixture.credentials(IssuerFixture.sts(IssuerFixture.root(account)).getSessionToken().credentials());
        String ruleId = "rr-" + UUID.randomUUID();
        try (Producer<String, byte[]> producer = producer()) {
            ProducerRecord<String, byte[]> created = revocationService.sign(revocationOf(account, ruleId));
            producer.send(created).get();
            eventually(() -> refused(session));
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
            eventually(() -> !refused(session));
            double refusedBefore = refusedCount();

            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, null, ruleId, created.value(), created.headers())).get();

            eventually(() -> refusedCount() >= refusedBefore + 1);
            assertThat(refused(session)).as("the lift still holds").isFalse();
        }
    }

    /** Signs as the revocation service does, with its ring where the issuer finds the public half (beside its own keys). */
    static RecordSigner revocationServiceSigner() {
        try {
            var keys = IssuerFixture.tokenKeysFile();
            return new RecordSigner(new PublishedKeyRing(keys.resolveSibling("revocation-signing.keys"),
                    keys.resolveSibling("revocation-signing.pub")).loadOrCreate(Instant.now()), Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProducerRecord<String, byte[]> revocationOf(NewAccount account, String ruleId) throws Exception {
        Instant now = Instant.now();
        RevocationRule rule = new RevocationRule(ruleId, account.accountId(), RevocationRule.Scope.ACCOUNT, account.accountId(), now, now,
                "arn:aws:iam::" + account.accountId() + ":root", "drill", now.plusSeconds(3600), RevocationRule.Kind.REVOKE);
        return new ProducerRecord<>(Topics.REVOCATIONS, ruleId, Json.mapper().writeValueAsBytes(rule));
    }

    private static boolean refused(AwsCredentials session) {
        try {
            IssuerFixture.sts(session).getCallerIdentity();
            return false;
        } catch (StsException e) {
            return "AccessDenied".equals(e.awsErrorDetails().errorCode());
        }
    }

    /** The issuer's mayfly_feed_records_refused_total of mayfly.revocations, from its /metrics. */
    private static double refusedCount() {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(IssuerFixture.managementEndpoint().resolve("/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher count = REFUSED.matcher(metrics);
            assertThat(count.find()).as("the counter is in /metrics").isTrue();
            return Double.parseDouble(count.group(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Producer<String, byte[]> producer() {
        return KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers())
                .producer(Map.of(), new StringSerializer(), new ByteArraySerializer());
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within 30 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
