package dev.mayfly.dev;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Dev mode's progress while it starts: "[2/6] Kafka 4.4 on 127.0.0.1:9092 ... ready (3.1 s)", one line a step, numbered in
 * the order the steps got ready.
 */
final class StartupSteps {

    interface Start<T> {
        T start() throws Exception;
    }

    /** A step of a {@link #together} group: what it starts, and where it goes once started (to be stopped with the rest). */
    record Step<T extends AutoCloseable>(String what, Start<T> start) {
    }

    private final PrintStream out;
    private final int total;
    private int done;

    StartupSteps(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    <T> T step(String what, Start<T> start) throws Exception {
        out.print("[" + ++done + "/" + total + "] " + what + " ... ");
        out.flush();
        long began = System.nanoTime();
        T started = start.start();
        out.printf("ready (%.1f s)%n", (System.nanoTime() - began) / 1e9);
        return started;
    }

    /**
     * Starts independent steps at once (PostgreSQL, Kafka and Elasticsearch wait on disks and sockets as much as on the
     * processor: one after the other took a third of dev mode's start), each line printed as its step gets ready. Waits for
     * every step, even after one failed, so that nothing keeps running unaccounted for: what started goes to
     * {@code started} (in the steps' order) for the caller to stop, and the first failure is thrown.
     */
    List<AutoCloseable> together(List<Step<?>> steps, List<AutoCloseable> started) throws Exception {
        long began = System.nanoTime();
        List<Future<AutoCloseable>> starting = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("dev-start-", 0).factory())) {
            for (Step<?> step : steps) {
                starting.add(threads.submit(() -> {
                    AutoCloseable ready = step.start().start();
                    readyTogether(step.what(), began);
                    return ready;
                }));
            }
        }
        Exception failure = null;
        for (Future<AutoCloseable> step : starting) {
            try {
                started.add(step.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return started;
    }

    private synchronized void readyTogether(String what, long began) {
        out.printf("[%d/%d] %s ... ready (%.1f s)%n", ++done, total, what, (System.nanoTime() - began) / 1e9);
        out.flush();
    }
}
