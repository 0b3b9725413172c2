package dev.mayfly.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One broker, one search node and one database server per test JVM, on free ports and in a temporary
 * directory, each started on first use and stopped when the JVM exits: after whatever uses them (see
 * {@link #closeFirst}), so that no service is left waiting on a broker that is already gone.
 */
public final class SharedInfrastructure {

    private static final Path ROOT = createRoot();
    private static final Deque<AutoCloseable> DEPENDENTS = new ArrayDeque<>();
    private static final Deque<AutoCloseable> INFRASTRUCTURE = new ArrayDeque<>();
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres postgres;
    private static EmbeddedElasticsearch elasticsearch;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(DEPENDENTS);
            closeAll(INFRASTRUCTURE);
        }, "shared-infrastructure-shutdown"));
    }

    private SharedInfrastructure() {
    }

    /** Registers something that uses the shared infrastructure, to be closed before it at exit (last registered, first closed). */
    public static synchronized void closeFirst(AutoCloseable dependent) {
        DEPENDENTS.push(dependent);
    }

    private static synchronized void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                // the JVM is exiting; close the rest
            }
        }
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = startOrFail(() -> EmbeddedKafka.start(ROOT.resolve("kafka"), FreePorts.next()));
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            postgres = startOrFail(() -> EmbeddedPostgres.start(ROOT.resolve("postgres"), FreePorts.next()));
        }
        return postgres;
    }

    public static synchronized EmbeddedElasticsearch elasticsearch() {
        if (elasticsearch == null) {
            elasticsearch = startOrFail(() -> EmbeddedElasticsearch.start(ROOT.resolve("elasticsearch"), 0));
        }
        return elasticsearch;
    }

    private interface Starter<T> {
        T start() throws IOException;
    }

    private static <T extends AutoCloseable> T startOrFail(Starter<T> starter) {
        try {
            T started = starter.start();
            INFRASTRUCTURE.push(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createRoot() {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target) ? Files.createTempDirectory(target.toAbsolutePath(), "infra-")
                    : Files.createTempDirectory("mayfly-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
