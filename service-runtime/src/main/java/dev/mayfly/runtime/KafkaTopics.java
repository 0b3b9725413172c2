package dev.mayfly.runtime;

import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Mayfly's topics if they are missing (brokers run with auto-creation off). */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static List<NewTopic> mayflyTopics(int partitions, short replicationFactor) {
        return List.of(
                new NewTopic(Topics.EVENTS, partitions, replicationFactor),
                new NewTopic(Topics.REVOCATIONS, 1, replicationFactor)
                        .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
                new NewTopic(Topics.POLICIES, 1, replicationFactor)
                        .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")));
    }

    public static void ensure(KafkaCluster kafka, List<NewTopic> topics) {
        try (Admin admin = kafka.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create Kafka topics at " + kafka.bootstrapServers(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer within 30 s", e);
        }
    }
}
