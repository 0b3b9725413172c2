package dev.mayfly.load;

import dev.mayfly.cli.CliException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;

/** What a benchmark against a running Mayfly tells the operator when it cannot go on, instead of a stack trace. */
final class BenchFailures {

    private BenchFailures() {
    }

    /** A benchmark's work, which may find Mayfly away or fail on the way. */
    @FunctionalInterface
    interface Bench<T> {
        T run() throws IOException, InterruptedException;
    }

    static <T> T explained(URI issuer, Bench<T> bench) {
        try {
            return bench.run();
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + issuer + ": start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("The benchmark failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
