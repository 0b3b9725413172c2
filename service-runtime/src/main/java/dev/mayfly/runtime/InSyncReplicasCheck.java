package dev.mayfly.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about Mayfly's topics that exist with fewer in-sync replicas required than their replication calls for
 * ({@link KafkaTopics#minInSyncReplicas}): topics created before Mayfly set min.insync.replicas, or by an operator. They are
 * not changed: a topic's configuration is its operator's, and the warning says how to change it. Compared with each
 * topic's own replication factor, not MAYFLY_KAFKA_REPLICATION, which may have changed since: requiring more copies
 * than a topic has would stop every write to it.
 */
final class InSyncReplicasCheck {

    private static final Logger LOG = LoggerFactory.getLogger(InSyncReplicasCheck.class);

    private InSyncReplicasCheck() {
    }

    /** Logs a warning for each topic named that requires too few copies; a cluster that will not say (ACLs) is noted only. */
    static void warnAboutWeakTopics(Admin admin, Collection<String> topics) throws InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                int replicas = descriptions.get(resource.name()).partitions().getFirst().replicas().size();
                int minInSync = Integer.parseInt(configs.get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
                advice(resource.name(), replicas, minInSync).ifPresent(LOG::warn);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.info("could not check the topics' min.insync.replicas ({}): the Kafka cluster did not say", e.toString());
        }
    }

    /** The warning for a topic of this many replicas requiring this many in sync, when it requires too few. */
    static Optional<String> advice(String topic, int replicas, int minInSync) {
        int wanted = KafkaTopics.minInSyncReplicas((short) replicas);
        if (minInSync >= wanted) {
            return Optional.empty();
        }
        return Optional.of(("topic %s has %d replicas but min.insync.replicas=%d: a write acknowledged by %d broker(s) could be lost"
                + " with them. Set it: kafka-configs.sh --bootstrap-server BROKER --alter --entity-type topics --entity-name %s --add-config"
                + " min.insync.replicas=%d").formatted(topic, replicas, minInSync, minInSync, topic, wanted));
    }
}
