package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The topics Mayfly creates: min.insync.replicas follows the replication factor, compaction where a feed needs it. */
class KafkaTopicsTest {

    @Test
    void mayflyTopicsWhenReplicatedThreeTimesThenEachNeedsTwoCopiesInSync() {
        List<NewTopic> topics = KafkaTopics.mayflyTopics(6, (short) 3);

        assertThat(topics).extracting(NewTopic::name).containsExactly(Topics.EVENTS, Topics.REVOCATIONS, Topics.POLICIES, Topics.KEYS,
                Topics.DETECTIONS);
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        });
        assertThat(topics.getFirst().numPartitions()).isEqualTo(6);
        assertThat(topics.getFirst().configs()).doesNotContainKey("cleanup.policy");
        assertThat(topics.subList(1, 4)).allSatisfy(feed -> {
            assertThat(feed.numPartitions()).isEqualTo(1);
            assertThat(feed.configs()).containsEntry("cleanup.policy", "compact").containsEntry("min.compaction.lag.ms", "0");
        });
    }

    @Test
    void minInSyncReplicasWhenReplicationFactorVariesThenOneFewerCappedAtTwoAndNeverBelowOne() {
        Map<Short, Integer> expected = Map.of((short) 1, 1, (short) 2, 1, (short) 3, 2, (short) 4, 2, (short) 5, 2);
        expected.forEach((replication, minInSync) ->
                assertThat(KafkaTopics.minInSyncReplicas(replication)).as("replication %d", replication).isEqualTo(minInSync));
        assertThat(KafkaTopics.mayflyTopics(1, (short) 1)).allSatisfy(topic ->
                assertThat(topic.configs()).containsEntry("min.insync.replicas", "1"));
    }

    @Test
    void adviceWhenAnExistingTopicRequiresFewerCopiesThanItsReplicasCallForThenTheWarningSaysHowToSetIt() {
        assertThat(InSyncReplicasCheck.advice(Topics.EVENTS, 3, 1)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("topic mayfly.events has 3 replicas but min.insync.replicas=1")
                .contains("--entity-name mayfly.events --add-config min.insync.replicas=2"));
        assertThat(InSyncReplicasCheck.advice(Topics.EVENTS, 3, 2)).isEmpty();
        assertThat(InSyncReplicasCheck.advice(Topics.EVENTS, 3, 3)).as("stricter than Mayfly's choice: the operator's").isEmpty();
        assertThat(InSyncReplicasCheck.advice(Topics.EVENTS, 1, 1)).as("its own replication, whatever the setting says now").isEmpty();
    }
}
