package dev.mayfly.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One broker, one search node and one database server per test JVM, on free ports and in a temporary
 * directory, each started on first use and stopped when the JVM exits.
 */
public final class SharedInfrastructure {

    private static final Path ROOT = createRoot();
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres postgres;
    private static EmbeddedElasticsearch elasticsearch;

    private SharedInfrastructure() {
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is exiting; nothing more to do
                }
            }));
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
