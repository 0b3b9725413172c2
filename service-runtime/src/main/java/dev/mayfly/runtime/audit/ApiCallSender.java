package dev.mayfly.runtime.audit;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.EventRecords;
import dev.mayfly.runtime.KafkaProducers;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends API-call events of a service without an event store straight to mayfly.events and waits until
 * every in-sync replica has them: a call is answered only once its record is durable, and when Kafka
 * cannot take it the call is refused (503) rather than left unrecorded. Each record is signed with the service's key.
 */
public final class ApiCallSender implements CallRecorder, AutoCloseable {

    private static final long ACK_TIMEOUT_SECONDS = 10;
    private final Producer<String, byte[]> producer;
    private final RecordSigner signer;

    public ApiCallSender(KafkaCluster kafka, String clientId, RecordSigner signer) {
        this.producer = KafkaProducers.reliable(kafka, clientId);
        this.signer = signer;
    }

    /** @throws AwsServiceException ServiceUnavailable when the record could not be made durable */
    public void send(ApiCallRecorded call) {
        EventEnvelope envelope = new EventEnvelope(call.eventId(), ApiCallRecorded.class.getSimpleName(), call.accountId(),
                call.eventTime(), null, 0, Json.mapper().valueToTree(call));
        try {
            producer.send(signer.sign(EventRecords.toEventsTopic(envelope))).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw CallRecorder.unrecorded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CallRecorder.unrecorded();
        }
    }

    @Override
    public <T> T recorded(Supplier<T> work, Function<T, ApiCallRecorded> record) {
        T result = work.get();
        send(record.apply(result));
        return result;
    }

    @Override
    public void close() {
        producer.close();
    }
}
