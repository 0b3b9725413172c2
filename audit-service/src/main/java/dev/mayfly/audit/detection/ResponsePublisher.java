package dev.mayfly.audit.detection;

import dev.mayfly.contract.DetectionResponse;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.signed.RecordSigner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes the responses findings ask for on mayfly.detections, signed with the audit's feed key: the revocation
 * service takes rules from this topic only when the audit signed them. Waits for Kafka, so that the detections commit
 * their offsets only once every response of the batch is durable.
 */
public final class ResponsePublisher {

    private final Producer<String, byte[]> producer;
    private final RecordSigner signer;

    ResponsePublisher(Producer<String, byte[]> producer, RecordSigner signer) {
        this.producer = producer;
        this.signer = signer;
    }

    /** @throws IOException when Kafka did not acknowledge every one: the batch is evaluated again */
    void publish(List<Finding> findings) throws IOException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Finding finding : findings) {
            Finding.ResponseRequest response = finding.response();
            if (!response.requested()) {
                continue;
            }
            DetectionResponse message = new DetectionResponse(finding.findingId(), response.ruleId(), finding.accountId(),
                    finding.detection().apiName(), response.action(), response.scope(), response.target(), response.until(),
                    finding.detectedAt());
            sent.add(producer.send(signer.sign(new ProducerRecord<>(Topics.DETECTIONS, finding.accountId(),
                    Json.mapper().writeValueAsBytes(message)))));
        }
        try {
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("responses not published: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing responses", e);
        }
    }

    void close() {
        producer.close();
    }
}
