package dev.mayfly.bench;

import dev.mayfly.kafka.signed.BatchSigner;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.VerifiedSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing and verifying one publisher batch of mayfly.events records (~1 KB each, as the issuer's events are), each
 * record alone against the batch at once ({@link BatchSigner}); verified as the audit service does, with
 * {@link VerifiedSignatures} (one per operation: its projection and digester share one, so a batch's signature is
 * verified once there). One operation is the whole batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FeedSigningBenchmark {

    @Param({"1", "20", "500"})
    public int batchSize;

    private RecordSigner signer;
    private BatchSigner batchSigner;
    private List<ProducerRecord<String, byte[]>> records;
    private List<ConsumerRecord<String, byte[]>> signedEach;
    private List<ConsumerRecord<String, byte[]>> signedAsBatch;
    private SigningKeyRing keys;

    @Setup
    public void setUp() {
        keys = SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now()));
        signer = new RecordSigner(keys, Clock.systemUTC());
        batchSigner = new BatchSigner(signer);
        records = IntStream.range(0, batchSize).mapToObj(FeedSigningBenchmark::event).toList();
        signEachRecord();
        signedEach = records.stream().map(FeedSigningBenchmark::received).toList();
        signBatch();
        signedAsBatch = records.stream().map(FeedSigningBenchmark::received).toList();
    }

    @Benchmark
    public List<ProducerRecord<String, byte[]>> signEachRecord() {
        records.forEach(signer::sign);
        return records;
    }

    @Benchmark
    public List<ProducerRecord<String, byte[]>> signBatch() {
        batchSigner.sign(records);
        return records;
    }

    @Benchmark
    public long verifyEachRecordSigned() {
        return verifyAll(signedEach);
    }

    @Benchmark
    public long verifyBatchSigned() {
        return verifyAll(signedAsBatch);
    }

    private long verifyAll(List<ConsumerRecord<String, byte[]>> batch) {
        RecordVerifier reading = new RecordVerifier(List.of(keys.publicKeys()), new RefusedRecords(), new VerifiedSignatures());
        long sum = 0;
        for (ConsumerRecord<String, byte[]> record : batch) {
            sum += reading.verify(record).orElseThrow();
        }
        return sum;
    }

    private static ProducerRecord<String, byte[]> event(int n) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("mayfly.events", "00000000000" + (n % 10),
                ("{\"eventId\":\"" + n + "\",\"payload\":\"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", "ApiCallRecorded".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 0, 0, TimestampType.CREATE_TIME, -1, -1, sent.key(), sent.value(),
                new RecordHeaders(sent.headers().toArray()), Optional.empty());
    }
}
