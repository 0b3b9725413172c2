package dev.mayfly.load.cpu;

import dev.mayfly.load.cpu.ThreadCpuSample.ProcessCpu;
import dev.mayfly.load.cpu.ThreadCpuSample.ThreadCpu;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time the platform spent between two samples, split by {@link CpuComponent}. A thread or process that started
 * in between counts from zero; one that ended in between is missing from the second sample: a thread's time stays in
 * its process's total and shows as {@link CpuComponent#EXITED}, a child process's is not counted.
 *
 * @param ticksByComponent CPU time by component, in clock ticks
 * @param totalTicks       the whole platform's
 * @param clockTicks       clock ticks a second
 */
public record CpuBreakdown(Map<CpuComponent, Long> ticksByComponent, long totalTicks, long clockTicks) {

    /** What the platform spent from the first sample to the second. */
    static CpuBreakdown between(ThreadCpuSample before, ThreadCpuSample after) {
        Map<Integer, ProcessCpu> earlier = new HashMap<>();
        before.processes().forEach(process -> earlier.put(process.pid(), process));
        Map<CpuComponent, Long> ticks = new EnumMap<>(CpuComponent.class);
        long total = 0;
        for (ProcessCpu process : after.processes()) {
            ProcessCpu then = earlier.get(process.pid());
            boolean same = then != null && then.comm().equals(process.comm());
            long spent = process.cpuTicks() - (same ? then.cpuTicks() : 0);
            total += spent;
            if (CpuComponent.wholeProcess(process.comm())) {
                ticks.merge(CpuComponent.POSTGRESQL, spent, Long::sum);
                continue;
            }
            Map<Integer, ThreadCpu> threadsThen = new HashMap<>();
            if (same) {
                then.threads().forEach(thread -> threadsThen.put(thread.tid(), thread));
            }
            long live = 0;
            for (ThreadCpu thread : process.threads()) {
                ThreadCpu threadThen = threadsThen.get(thread.tid());
                long threadSpent = thread.cpuTicks() - (threadThen != null && threadThen.comm().equals(thread.comm()) ? threadThen.cpuTicks() : 0);
                live += threadSpent;
                ticks.merge(CpuComponent.ofThread(thread.comm()), threadSpent, Long::sum);
            }
            // threads that ended: their time is in the process's total and in no live thread's
            ticks.merge(CpuComponent.EXITED, spent - live, Long::sum);
        }
        return new CpuBreakdown(ticks, total, after.clockTicks());
    }

    /** Microseconds of CPU a call, for this many calls. */
    double microsPerCall(long ticks, long calls) {
        return calls == 0 ? Double.NaN : ticks * 1e6 / clockTicks / calls;
    }

    /** The table ./mayfly bench prints: the whole platform's CPU a call, then each component's, largest first. */
    public void print(PrintStream out, long calls, double seconds) {
        out.printf("platform CPU: %.0f µs per AssumeRole, %.2f cores busy (from /proc, in ticks of 1/%d s)%n",
                microsPerCall(totalTicks, calls), totalTicks / (double) clockTicks / seconds, clockTicks);
        ticksByComponent.entrySet().stream().sorted(Map.Entry.<CpuComponent, Long>comparingByValue().reversed())
                .forEach(entry -> out.printf("  %-58s %7.0f µs  %5.1f %%%n", entry.getKey().label(), microsPerCall(entry.getValue(), calls),
                        totalTicks == 0 ? 0.0 : 100.0 * entry.getValue() / totalTicks));
    }
}
