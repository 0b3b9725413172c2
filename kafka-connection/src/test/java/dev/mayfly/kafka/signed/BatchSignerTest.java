package dev.mayfly.kafka.signed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.VerifiedSignatures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * One signature for a batch, and each record still checked alone: what its proof binds (the record whole, its place, its
 * batch) and what it must not let through (another record's or batch's proof, a per-record signature, hostile headers).
 */
class BatchSignerTest {

    private static final Instant T = SigningFixtures.T;
    private static final String TOPIC = "mayfly.events";

    private final Path directory = SigningFixtures.temporaryDirectory("batch-signing-");
    private final PublishedKeyRing producerKeys = new PublishedKeyRing(directory.resolve("p.keys"), directory.resolve("p.pub"));
    private final RecordSigner signer = new RecordSigner(SigningFixtures.load(producerKeys), Clock.fixed(T, ZoneOffset.UTC));
    private final BatchSigner batchSigner = new BatchSigner(signer);
    private final List<Refusal> refusals = new ArrayList<>();
    private final RefusedRecords refused = new RefusedRecords((topic, refusal) -> refusals.add(refusal));
    private final VerifiedSignatures verified = new VerifiedSignatures();
    private final RecordVerifier verifier = new RecordVerifier(List.of(PublicKeyFile.watch(producerKeys.publicFile())), refused, verified);

    @Test
    void verifyWhenEachRecordOfABatchAloneThenItsOwnSignedAtAndOneSignatureShared() {
        for (int size : List.of(1, 2, 3, 7, 70)) {
            List<ProducerRecord<String, byte[]>> batch = signedBatch(size);

            List<Long> signedAt = batch.stream().map(record -> verifier.verify(received(record)).orElseThrow()).toList();

            assertThat(signedAt).as("strictly increasing, as per record").isSorted().doesNotHaveDuplicates();
            assertThat(batch.stream().map(record -> header(record, SignedMessage.HEADER_SIGNATURE)).map(Arrays::toString).distinct())
                    .as("one signature for the batch of %d", size).hasSize(1);
        }
        assertThat(refusals).isEmpty();
    }

    @Test
    void verifyWhenABatchIsReadThroughVerifiedSignaturesThenItsSignatureIsVerifiedOnce() {
        List<ProducerRecord<String, byte[]>> batch = signedBatch(50);
        RecordVerifier digester = new RecordVerifier(List.of(PublicKeyFile.watch(producerKeys.publicFile())), refused, verified);

        batch.forEach(record -> assertThat(verifier.verify(received(record))).isPresent());
        assertThat(verified.reused()).as("every record after the first").isEqualTo(49);
        batch.forEach(record -> assertThat(digester.verify(received(record))).isPresent());
        assertThat(verified.reused()).as("the other reader of the process verifies none").isEqualTo(99);
    }

    @Test
    void verifyWhenARecordOfABatchIsAlteredThenRefusedAndItsNeighboursStillVerify() {
        List<ProducerRecord<String, byte[]>> batch = signedBatch(5);
        ProducerRecord<String, byte[]> record = batch.get(2);

        assertThat(verifier.verify(received(record, TOPIC, record.key(), "{\"n\":99}".getBytes(StandardCharsets.UTF_8),
                record.headers().toArray()))).as("value").isEmpty();
        assertThat(verifier.verify(received(record, TOPIC, "999999999999", record.value(), record.headers().toArray()))).as("key").isEmpty();
        assertThat(verifier.verify(received(record, "mayfly.policies", record.key(), record.value(), record.headers().toArray())))
                .as("moved to another topic").isEmpty();
        assertThat(verifier.verify(received(record, TOPIC, record.key(), record.value(),
                replaced(record, SignedMessage.HEADER_SIGNED_AT, Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.UTF_8)))))
                .as("signed-at").isEmpty();
        assertThat(verifier.verify(received(record, TOPIC, record.key(), record.value(),
                replaced(record, "event-type", "Other".getBytes(StandardCharsets.UTF_8))))).as("another header").isEmpty();
        assertThat(verifier.verify(received(record, TOPIC, record.key(), record.value(),
                with(record.headers().toArray(), new RecordHeader("added", new byte[] {1}))))).as("a header added").isEmpty();
        assertThat(verifier.verify(received(record, TOPIC, record.key(), record.value(),
                Arrays.stream(record.headers().toArray()).filter(h -> !h.key().equals("event-type")).toArray(Header[]::new))))
                .as("a header removed").isEmpty();

        assertThat(refusals).hasSize(7).containsOnly(Refusal.FORGED);
        batch.forEach(intact -> assertThat(verifier.verify(received(intact))).isPresent());
    }

    @Test
    void verifyWhenARecordCarriesTheProofOfAnotherRecordOrAnotherBatchThenRefused() {
        List<ProducerRecord<String, byte[]>> batch = signedBatch(6);
        List<ProducerRecord<String, byte[]>> other = signedBatch(6);

        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                if (i != j) {
                    assertThat(verifier.verify(received(batch.get(i), replaced(batch.get(i), SignedMessage.HEADER_BATCH,
                            header(batch.get(j), SignedMessage.HEADER_BATCH))))).as("record %d with the proof of %d", i, j).isEmpty();
                }
            }
            assertThat(verifier.verify(received(batch.get(i), replaced(batch.get(i), SignedMessage.HEADER_BATCH,
                    header(other.get(i), SignedMessage.HEADER_BATCH))))).as("the proof of another batch").isEmpty();
            assertThat(verifier.verify(received(batch.get(i), replaced(replaced(batch.get(i), SignedMessage.HEADER_BATCH,
                    header(other.get(i), SignedMessage.HEADER_BATCH)), SignedMessage.HEADER_SIGNATURE,
                    header(other.get(i), SignedMessage.HEADER_SIGNATURE))))).as("the proof and signature of another batch").isEmpty();
        }
        assertThat(refusals).hasSize(6 * 5 + 12).containsOnly(Refusal.FORGED);
    }

    @Test
    void verifyWhenTheProofLiesAboutIndexOrSizeThenRefused() {
        List<ProducerRecord<String, byte[]>> batch = signedBatch(8);
        ProducerRecord<String, byte[]> record = batch.get(3);
        List<byte[]> path = BatchProof.parse(header(record, SignedMessage.HEADER_BATCH)).orElseThrow().path();

        for (int index = 0; index < 8; index++) {
            if (index != 3) {
                assertThat(verify(record, new BatchProof(index, 8, path).bytes())).as("index %d", index).isEmpty();
            }
        }
        // sizes 5 to 8 give index 3 a path of three as well
        for (int size = 5; size <= 7; size++) {
            assertThat(verify(record, new BatchProof(3, size, path).bytes())).as("size %d", size).isEmpty();
        }
        assertThat(refusals).hasSize(7 + 3).containsOnly(Refusal.FORGED);
    }

    @Test
    void verifyWhenAPerRecordSignatureIsPresentedAsABatchsOrTheOtherWayRoundThenRefused() {
        ProducerRecord<String, byte[]> alone = signer.sign(event(0));
        ProducerRecord<String, byte[]> inBatch = signedBatch(1).getFirst();
        assertThat(verifier.verify(received(alone))).isPresent();
        assertThat(verifier.verify(received(inBatch))).isPresent();

        assertThat(verify(alone, new BatchProof(0, 1, List.of()).bytes())).as("a record's signature with a proof of a tree of one").isEmpty();
        assertThat(verifier.verify(received(inBatch, Arrays.stream(inBatch.headers().toArray())
                .filter(h -> !h.key().equals(SignedMessage.HEADER_BATCH)).toArray(Header[]::new))))
                .as("a batch's signature without its proof").isEmpty();
        assertThat(refusals).containsExactly(Refusal.FORGED, Refusal.FORGED);
    }

    @Test
    void verifyWhenTheBatchHeaderIsMalformedThenRefusedAsForgedWithoutAnException() {
        ProducerRecord<String, byte[]> record = signedBatch(7).get(2);
        byte[] genuine = header(record, SignedMessage.HEADER_BATCH);
        byte[] wrongVersion = genuine.clone();
        wrongVersion[0] = 2;
        List<byte[]> hostile = List.of(new byte[0], Arrays.copyOf(genuine, 8), Arrays.copyOf(genuine, genuine.length - 1),
                Arrays.copyOf(genuine, genuine.length - 32), Arrays.copyOf(genuine, genuine.length + 32), wrongVersion,
                ByteBuffer.allocate(9 + 32 * 31).put((byte) 1).putInt(Integer.MAX_VALUE).putInt(5).array(),
                ByteBuffer.allocate(9).put((byte) 1).putInt(-7).putInt(-1).array(),
                ByteBuffer.allocate(9 + 32 * 3).put((byte) 1).putInt(7).putInt(9).array());

        for (byte[] header : hostile) {
            assertThat(verify(record, header)).as(Arrays.toString(Arrays.copyOf(header, Math.min(9, header.length)))).isEmpty();
        }
        assertThat(verifier.verify(received(record, replaced(record, SignedMessage.HEADER_BATCH, null)))).as("no value").isEmpty();
        assertThat(refusals).hasSize(hostile.size() + 1).containsOnly(Refusal.FORGED);
    }

    @Test
    void verifyWhenTheBatchHeaderIsRandomBytesOrHasABitFlippedThenAlwaysRefusedAsForged() {
        ProducerRecord<String, byte[]> record = signedBatch(70).get(37);
        byte[] genuine = header(record, SignedMessage.HEADER_BATCH);
        java.util.Random random = new java.util.Random(6962);
        int tried = 0;
        for (int bit = 0; bit < genuine.length * 8; bit++) {
            byte[] flipped = genuine.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verify(record, flipped)).as("bit %d flipped", bit).isEmpty();
            tried++;
        }
        for (int i = 0; i < 2_000; i++) {
            byte[] hostile = new byte[random.nextInt(600)];
            random.nextBytes(hostile);
            if (hostile.length > 0 && random.nextBoolean()) {
                hostile[0] = BatchProof.VERSION;
            }
            assertThat(verify(record, hostile)).isEmpty();
            tried++;
        }
        assertThat(refusals).hasSize(tried).containsOnly(Refusal.FORGED);
        assertThat(verify(record, genuine)).isPresent();
    }

    @Test
    void verifyWhenASignatureHeaderHasNoValueThenRefusedAsUnsigned() {
        ProducerRecord<String, byte[]> record = signedBatch(2).get(1);
        assertThat(verifier.verify(received(record, replaced(record, SignedMessage.HEADER_SIGNATURE, null)))).isEmpty();
        assertThat(verifier.verify(received(record, replaced(record, SignedMessage.HEADER_SIGNER, null)))).isEmpty();
        assertThat(refusals).containsExactly(Refusal.UNSIGNED, Refusal.UNSIGNED);
    }

    @Test
    void signWhenARecordIsSignedAgainThenOnlyItsNewSignatureAndProof() {
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>(List.of(event(0), event(1), event(2)));
        batchSigner.sign(batch);
        batchSigner.sign(batch.subList(1, 3));
        signer.sign(batch.get(2));

        for (ProducerRecord<String, byte[]> record : batch) {
            assertThat(record.headers().headers(SignedMessage.HEADER_SIGNATURE)).hasSize(1);
            assertThat(record.headers().headers(SignedMessage.HEADER_SIGNED_AT)).hasSize(1);
            assertThat(verifier.verify(received(record))).isPresent();
        }
        assertThat(batch.get(1).headers().lastHeader(SignedMessage.HEADER_BATCH)).isNotNull();
        assertThat(batch.get(2).headers().lastHeader(SignedMessage.HEADER_BATCH)).as("signed alone at last").isNull();
    }

    @Test
    void signWhenTheRingRotatesThenTheNextBatchIsSignedWithTheNewKeyAndStillVerifies() throws Exception {
        assertThat(verifier.verify(received(signedBatch(2).getFirst()))).isPresent();
        signer.use(producerKeys.rotate(T.plusSeconds(60), java.time.Duration.ofDays(1)));

        ProducerRecord<String, byte[]> record = signedBatch(2).getLast();
        assertThat(new String(header(record, SignedMessage.HEADER_SIGNER), StandardCharsets.UTF_8)).isEqualTo(signer.currentKeyId());
        assertThat(verifier.verify(received(record))).isPresent();
    }

    private OptionalLong verify(ProducerRecord<String, byte[]> record, byte[] batchHeader) {
        return verifier.verify(received(record, replaced(record, SignedMessage.HEADER_BATCH, batchHeader)));
    }

    private List<ProducerRecord<String, byte[]>> signedBatch(int size) {
        List<ProducerRecord<String, byte[]>> batch = IntStream.range(0, size).mapToObj(BatchSignerTest::event).toList();
        batchSigner.sign(batch);
        return batch;
    }

    /** A record as the issuer publishes an event: keyed by account, its id and type in headers. */
    private static ProducerRecord<String, byte[]> event(int n) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, "11111111111" + (n % 3),
                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", ("event-" + n).getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", "Happened".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static byte[] header(ProducerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name).value();
    }

    /** The record's headers with that one's value replaced (added when missing), in place. */
    private static Header[] replaced(ProducerRecord<String, byte[]> record, String name, byte[] value) {
        return replaced(record.headers().toArray(), name, value);
    }

    private static Header[] replaced(Header[] headers, String name, byte[] value) {
        List<Header> result = new ArrayList<>();
        boolean found = false;
        for (Header header : headers) {
            found |= header.key().equals(name);
            result.add(header.key().equals(name) ? new RecordHeader(name, value) : header);
        }
        if (!found) {
            result.add(new RecordHeader(name, value));
        }
        return result.toArray(Header[]::new);
    }

    private static Header[] with(Header[] headers, Header added) {
        Header[] result = Arrays.copyOf(headers, headers.length + 1);
        result[headers.length] = added;
        return result;
    }

    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
        return received(sent, sent.headers().toArray());
    }

    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent, Header[] headers) {
        return received(sent, sent.topic(), sent.key(), sent.value(), headers);
    }

    /** The record as a consumer would read it, with what an attacker changed. */
    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent, String topic, String key, byte[] value,
                                                           Header[] headers) {
        return new ConsumerRecord<>(topic, 0, 0, 0, TimestampType.CREATE_TIME, -1, -1, key, value, new RecordHeaders(headers),
                Optional.empty());
    }
}
