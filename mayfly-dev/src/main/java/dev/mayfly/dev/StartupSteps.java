package dev.mayfly.dev;

import java.io.PrintStream;

/** Dev mode's progress while it starts: "[2/6] Kafka 4.4 on 127.0.0.1:9092 ... ready (3.1 s)", one line a step. */
final class StartupSteps {

    interface Start<T> {
        T start() throws Exception;
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
}
