package dev.mayfly.kafka.signed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.VerifiedSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What a record's signature binds: its topic, key, value and headers, and only a producer's key makes it. */
class RecordVerifierTest {

    private static final Instant T = SigningFixtures.T;

    private final Path directory = SigningFixtures.temporaryDirectory("record-signing-");
    private final PublishedKeyRing producerKeys = new PublishedKeyRing(directory.resolve("p.keys"), directory.resolve("p.pub"));
    private final RecordSigner signer = new RecordSigner(SigningFixtures.load(producerKeys), Clock.fixed(T, ZoneOffset.UTC));
    private final RefusedRecords refused = new RefusedRecords();
    private final RecordVerifier verifier = new RecordVerifier(List.of(PublicKeyFile.watch(producerKeys.publicFile())), refused);

    @Test
    void verifyWhenSignedByTheProducerThenItsSignedAtAndNothingRefused() {
        assertThat(verifier.verify(received(signer.sign(record("topic", "k", "v")), "topic", "k")))
                .hasValue(T.toEpochMilli());
        assertThat(refused.count("topic")).isZero();
    }

    @Test
    void verifyWhenSignedTwiceInOneMillisecondThenSignedAtStillIncreases() {
        long first = verifier.verify(received(signer.sign(record("topic", "k", "v")), "topic", "k")).orElseThrow();
        long second = verifier.verify(received(signer.sign(record("topic", "k", null)), "topic", "k")).orElseThrow();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void verifyWhenUnsignedThenRefusedAndCounted() {
        assertThat(verifier.verify(received(record("topic", "k", "v"), "topic", "k"))).isEmpty();
        assertThat(refused.count("topic")).isEqualTo(1);
    }

    @Test
    void verifyWhenSignedWithAnotherKeyThenRefused() {
        RecordSigner attacker = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(T)), Clock.systemUTC());
        assertThat(verifier.verify(received(attacker.sign(record("topic", "k", "v")), "topic", "k"))).isEmpty();
        assertThat(refused.count("topic")).isEqualTo(1);
    }

    @Test
    void verifyWhenSignatureMovedToAnotherKeyOrTopicThenRefused() {
        ProducerRecord<String, byte[]> signed = signer.sign(record("topic", "k", "v"));
        assertThat(verifier.verify(received(signed, "topic", "other-key"))).isEmpty();
        assertThat(verifier.verify(received(signed, "other-topic", "k"))).isEmpty();
        assertThat(refused.count("topic")).isEqualTo(1);
        assertThat(refused.count("other-topic")).isEqualTo(1);
    }

    @Test
    void verifyWhenAHeaderIsChangedThenRefused() {
        ProducerRecord<String, byte[]> signed = signer.sign(record("topic", "k", "v"));
        signed.headers().remove(SignedMessage.HEADER_SIGNED_AT).add(SignedMessage.HEADER_SIGNED_AT,
                Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(received(signed, "topic", "k"))).as("a newer stamp to win over every record").isEmpty();
    }

    @Test
    void verifyWhenTwoReadersShareVerifiedSignaturesThenTheSecondReusesTheFirstsVerification() {
        VerifiedSignatures verified = new VerifiedSignatures();
        RecordVerifier projection = new RecordVerifier(List.of(PublicKeyFile.watch(producerKeys.publicFile())), refused, verified);
        RecordVerifier digester = new RecordVerifier(List.of(PublicKeyFile.watch(producerKeys.publicFile())), refused, verified);
        ProducerRecord<String, byte[]> signed = signer.sign(record("topic", "k", "v"));

        assertThat(projection.verify(received(signed, "topic", "k"))).hasValue(T.toEpochMilli());
        assertThat(digester.verify(received(signed, "topic", "k"))).hasValue(T.toEpochMilli());

        assertThat(verified.reused()).isEqualTo(1);
    }

    @Test
    void verifyWhenAVerifiedRecordIsAlteredOrReadByAVerifierNotTrustingItsProducerThenRefused() {
        VerifiedSignatures verified = new VerifiedSignatures();
        RecordVerifier trusting = new RecordVerifier(List.of(PublicKeyFile.watch(producerKeys.publicFile())), refused, verified);
        PublishedKeyRing otherKeys = new PublishedKeyRing(directory.resolve("o.keys"), directory.resolve("o.pub"));
        SigningFixtures.load(otherKeys);
        RecordVerifier otherProducers = new RecordVerifier(List.of(PublicKeyFile.watch(otherKeys.publicFile())), refused, verified);
        ProducerRecord<String, byte[]> signed = signer.sign(record("topic", "k", "v"));
        assertThat(trusting.verify(received(signed, "topic", "k"))).isPresent();

        assertThat(otherProducers.verify(received(signed, "topic", "k"))).isEmpty();
        assertThat(trusting.verify(received(signed, "topic", "other-key"))).isEmpty();
        ProducerRecord<String, byte[]> altered = new ProducerRecord<>("topic", null, "k", "w".getBytes(StandardCharsets.UTF_8),
                signed.headers());
        assertThat(trusting.verify(received(altered, "topic", "k"))).isEmpty();

        assertThat(verified.reused()).isZero();
        assertThat(refused.count("topic")).isEqualTo(3);
    }

    @Test
    void admitsWhenOlderThanTheNewestOfItsKeyThenRefusedAndOtherKeysUnaffected() {
        NewestPerKey newest = new NewestPerKey();
        assertThat(newest.admits("k", 2)).isTrue();
        assertThat(newest.admits("k", 1)).isFalse();
        assertThat(newest.admits("k", 2)).as("the same record again changes nothing").isTrue();
        assertThat(newest.admits("other", 1)).isTrue();
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The record as a consumer of this topic and key would read it: its value and headers, as sent. */
    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent, String topic, String key) {
        return new ConsumerRecord<>(topic, 0, 0, 0, TimestampType.CREATE_TIME, -1, -1, key, sent.value(),
                new RecordHeaders(sent.headers().toArray()), Optional.empty());
    }
}
