package dev.mayfly.load.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuBreakdownTest {

    /**
     * Between the recorded samples: request carriers +100 and a new one +60, group commit +30, C2 +100, Elasticsearch +50;
     * the producer thread ended (the process's total grew by 500, its live threads by 340); PostgreSQL's two processes +50.
     */
    @Test
    void betweenWhenThreadsStartAndEndThenEachComponentItsShareAndEndedThreadsTheRest() throws Exception {
        List<Integer> platform = List.of(6195, 6980);
        ThreadCpuSample before = new ProcessTree(ProcessTreeTest.recorded("before"), platform, 100).sample();
        ThreadCpuSample after = new ProcessTree(ProcessTreeTest.recorded("after"), platform, 100).sample();

        CpuBreakdown breakdown = CpuBreakdown.between(before, after);

        assertThat(breakdown.totalTicks()).isEqualTo(550);
        assertThat(breakdown.ticksByComponent()).contains(entry(CpuComponent.REQUESTS, 160L), entry(CpuComponent.EVENT_STORE, 30L),
                entry(CpuComponent.JIT, 100L), entry(CpuComponent.ELASTICSEARCH, 50L), entry(CpuComponent.EXITED, 160L),
                entry(CpuComponent.POSTGRESQL, 50L), entry(CpuComponent.OTHER, 0L));
        assertThat(breakdown.ticksByComponent().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(breakdown.totalTicks());
    }

    @Test
    void printWhenCallsCountedThenMicrosecondsPerCallLargestFirst() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        CpuBreakdown breakdown = new CpuBreakdown(Map.of(CpuComponent.REQUESTS, 30L, CpuComponent.ELASTICSEARCH, 70L), 100, 100);

        breakdown.print(new PrintStream(text, true, StandardCharsets.UTF_8), 1000, 10);

        assertThat(text.toString(StandardCharsets.UTF_8)).containsSubsequence("platform CPU: 1000 µs per AssumeRole, 0.10 cores busy",
                "Elasticsearch", "700 µs", "70.0 %", "request handling", "300 µs", "30.0 %");
    }

    @Test
    void ofThreadWhenNamesAsLinuxCutsThemThenTheirComponents() {
        assertThat(CpuComponent.ofThread("kafka-producer-")).isEqualTo(CpuComponent.PUBLISHING);
        assertThat(CpuComponent.ofThread("kafka-coordinat")).isEqualTo(CpuComponent.AUDIT_PROJECTION);
        assertThat(CpuComponent.ofThread("kafka-1-raft-io")).isEqualTo(CpuComponent.KAFKA_BROKER);
        assertThat(CpuComponent.ofThread("elasticsearch-r")).isEqualTo(CpuComponent.AUDIT_PROJECTION);
        assertThat(CpuComponent.ofThread("elasticsearch[m")).isEqualTo(CpuComponent.ELASTICSEARCH);
        assertThat(CpuComponent.ofThread("ZWorkerYoung#0")).isEqualTo(CpuComponent.GC);
        assertThat(CpuComponent.ofThread("WorkPackage[kaf")).isEqualTo(CpuComponent.PUBLISHING);
        assertThat(CpuComponent.ofThread("audit-digester-")).isEqualTo(CpuComponent.DIGESTER);
        assertThat(CpuComponent.ofThread("mayfly.keys-fol")).isEqualTo(CpuComponent.OTHER);
    }
}
