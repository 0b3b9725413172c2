package dev.mayfly.audit.projection;

import dev.mayfly.kafka.KafkaCluster;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumers of mayfly.events for the audit's readers (the projection, the digester, a rebuild): offsets committed
 * by hand only, once what was read is safely written, from the earliest event when nothing was committed yet.
 */
public final class EventsConsumers {

    private EventsConsumers() {
    }

    /** @param group the consumer group whose committed offsets say how far the reader got; null for none */
    public static KafkaConsumer<String, byte[]> committingByHand(KafkaCluster kafka, String group, int maxPollRecords) {
        Map<String, String> props = new HashMap<>();
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        return kafka.consumer(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
