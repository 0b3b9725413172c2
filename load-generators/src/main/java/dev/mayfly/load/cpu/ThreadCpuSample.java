package dev.mayfly.load.cpu;

import java.util.List;

/**
 * The CPU time of a tree of processes and of each of their threads, read at one moment.
 *
 * @param processes  the root process first, then its descendants
 * @param clockTicks how many clock ticks a second the times are in (CLK_TCK)
 */
record ThreadCpuSample(List<ProcessCpu> processes, long clockTicks) {

    /**
     * One process: its total (its live threads and those that have ended) and its live threads.
     *
     * @param cpuTicks the process's own time, its ended threads' included (not its children's)
     */
    record ProcessCpu(int pid, String comm, long cpuTicks, List<ThreadCpu> threads) {
    }

    /** One thread of a process, by its id and name. */
    record ThreadCpu(int tid, String comm, long cpuTicks) {
    }

    long totalTicks() {
        return processes.stream().mapToLong(ProcessCpu::cpuTicks).sum();
    }
}
