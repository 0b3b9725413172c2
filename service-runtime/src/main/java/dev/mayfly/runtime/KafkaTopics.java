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
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Mayfly's topics if they are missing (brokers run with auto-creation off). */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /**
     * Mayfly's topics, each with min.insync.replicas matched to the replication factor ({@link #minInSyncReplicas}): a
     * broker's default (1) would let a write acknowledged by the leader alone be lost with it, whatever acks=all says.
     * Topics that exist already are left as they are ({@link #ensure} warns about those that require too few).
     */
    public static List<NewTopic> mayflyTopics(int partitions, short replicationFactor) {
        String minInSync = Integer.toString(minInSyncReplicas(replicationFactor));
        return List.of(
                new NewTopic(Topics.EVENTS, partitions, replicationFactor)
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync)),
                new NewTopic(Topics.REVOCATIONS, 1, replicationFactor)
                        .configs(compacted(minInSync)),
                new NewTopic(Topics.POLICIES, 1, replicationFactor)
                        .configs(compacted(minInSync)),
                // one partition: every process reads every ring, and a ring's versions stay in order
                new NewTopic(Topics.KEYS, 1, replicationFactor)
                        .configs(compacted(minInSync)),
                new NewTopic(Topics.DETECTIONS, 1, replicationFactor)
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync)));
    }

    /**
     * How many copies a write must reach before the producers' acks=all acknowledges it: one fewer than the replicas, so
     * that one broker may be down (a rolling restart, a lost machine) while writes go on, and at most 2, since two
     * copies already outlive any one broker and asking for more would stop writes sooner without making them safer
     * against a single loss. 1 with one or two replicas: with two, requiring both would stop every write whenever either
     * broker restarts.
     */
    static int minInSyncReplicas(short replicationFactor) {
        return Math.max(1, Math.min(replicationFactor - 1, 2));
    }

    private static Map<String, String> compacted(String minInSync) {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0", TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync);
    }

    public static void ensure(KafkaCluster kafka, List<NewTopic> topics) {
        try (Admin admin = kafka.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            InSyncReplicasCheck.warnAboutWeakTopics(admin, topics.stream().map(NewTopic::name).filter(existing::contains).toList());
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
