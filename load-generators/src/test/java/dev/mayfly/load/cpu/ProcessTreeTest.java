package dev.mayfly.load.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mayfly.load.cpu.ThreadCpuSample.ProcessCpu;
import dev.mayfly.load.cpu.ThreadCpuSample.ThreadCpu;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On a recorded /proc: the dev JVM (6195), PostgreSQL's server (6980, whose parent is init) and a backend, a shell of no concern. */
class ProcessTreeTest {

    static Path recorded(String name) throws Exception {
        return Path.of(ProcessTreeTest.class.getResource("/recorded-proc/" + name).toURI());
    }

    @Test
    void pidsWhenTwoRootsThenEachRootAndItsDescendantsOnceAndNothingElse() throws Exception {
        ProcessTree tree = new ProcessTree(recorded("before"), List.of(6195, 6980, 6990), 100);

        assertThat(tree.pids()).containsExactly(6195, 6980, 6990);
    }

    @Test
    void pidsWhenRootEndedThenNotListed() throws Exception {
        ProcessTree tree = new ProcessTree(recorded("before"), List.of(6980, 4242), 100);

        assertThat(tree.pids()).containsExactly(6980, 6990);
    }

    @Test
    void sampleWhenReadThenEveryProcessWithItsTotalAndEveryThreadByName() throws Exception {
        ThreadCpuSample sample = new ProcessTree(recorded("before"), List.of(6195), 100).sample();

        assertThat(sample.processes()).extracting(ProcessCpu::pid, ProcessCpu::comm, ProcessCpu::cpuTicks).containsExactly(
                tuple(6195, "java", 1000L));
        assertThat(sample.processes().getFirst().threads()).extracting(ThreadCpu::comm).containsExactlyInAnyOrder("java",
                "ForkJoinPool-1-", "event-store-gro", "C2 CompilerThre", "elasticsearch[m", "kafka-producer-");
        assertThat(sample.clockTicks()).isEqualTo(100);
    }
}
