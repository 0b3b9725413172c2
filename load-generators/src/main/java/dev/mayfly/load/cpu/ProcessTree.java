package dev.mayfly.load.cpu;

import dev.mayfly.load.cpu.ThreadCpuSample.ProcessCpu;
import dev.mayfly.load.cpu.ThreadCpuSample.ThreadCpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Processes and their descendants (the platform's JVM with a cluster's issuer JVMs that it started; PostgreSQL's
 * server, which leaves its starter's tree, with its backends), read from a Linux /proc: which processes they are, and the CPU time of each and of each of their threads.
 * Processes and threads may end while they are read: those are left out, as if read a moment later.
 */
public final class ProcessTree {

    private final Path proc;
    private final List<Integer> roots;
    private final long clockTicks;

    /**
     * @param proc       where /proc is (a recorded copy in tests)
     * @param roots      the processes whose trees it is
     * @param clockTicks the clock ticks a second that /proc counts in
     */
    ProcessTree(Path proc, List<Integer> roots, long clockTicks) {
        this.proc = proc;
        this.roots = List.copyOf(roots);
        this.clockTicks = clockTicks;
    }

    /** The trees of processes of this machine. */
    public static ProcessTree of(List<Long> pids) {
        return new ProcessTree(Path.of("/proc"), pids.stream().map(Math::toIntExact).toList(), ClockTicks.perSecond());
    }

    /** The CPU time, now, of every process of the tree and of every thread in them. */
    ThreadCpuSample sample() {
        List<ProcessCpu> processes = new ArrayList<>();
        for (int pid : pids()) {
            // threads first, then the total, so that within one sample the total holds at least what the threads showed;
            // a tick that comes in between the reads still moves the time left to ended threads by one, either way
            List<ThreadCpu> threads = threads(pid);
            stat(proc.resolve(Integer.toString(pid)).resolve("stat")).ifPresent(process ->
                    processes.add(new ProcessCpu(pid, process.comm(), process.cpuTicks(), threads)));
        }
        return new ThreadCpuSample(processes, clockTicks);
    }

    /** The roots and their descendants, each root before its descendants, each process once; none of a root that has ended. */
    List<Integer> pids() {
        Map<Integer, List<Integer>> children = new HashMap<>();
        for (int pid : numberedEntries(proc)) {
            stat(proc.resolve(Integer.toString(pid)).resolve("stat"))
                    .ifPresent(stat -> children.computeIfAbsent(stat.ppid(), parent -> new ArrayList<>()).add(pid));
        }
        Set<Integer> tree = new LinkedHashSet<>();
        Deque<Integer> next = new ArrayDeque<>(roots.stream().filter(root -> Files.exists(proc.resolve(Integer.toString(root)).resolve("stat"))).toList());
        while (!next.isEmpty()) {
            int pid = next.removeFirst();
            if (tree.add(pid)) {
                next.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return List.copyOf(tree);
    }

    private List<ThreadCpu> threads(int pid) {
        List<ThreadCpu> threads = new ArrayList<>();
        Path tasks = proc.resolve(Integer.toString(pid)).resolve("task");
        for (int tid : numberedEntries(tasks)) {
            stat(tasks.resolve(Integer.toString(tid)).resolve("stat"))
                    .ifPresent(thread -> threads.add(new ThreadCpu(tid, thread.comm(), thread.cpuTicks())));
        }
        return threads;
    }

    private static List<Integer> numberedEntries(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Integer::valueOf).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stat file's line, or empty when its process or thread has ended (or may not be read). */
    private static Optional<ProcStat> stat(Path file) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
