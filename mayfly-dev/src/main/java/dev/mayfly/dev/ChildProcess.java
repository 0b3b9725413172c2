package dev.mayfly.dev;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of cluster dev mode in a JVM of its own: ./mayfly serve SERVICE, run by the java of this JVM with its
 * classpath, its output appended to a log file. It stops with this JVM: closing it sends SIGTERM (the service drains),
 * and, should this JVM end without closing it (kill -9), the service sees its standard input close and exits
 * ({@link ServeCommand#STOP_WITH_PARENT}).
 */
final class ChildProcess implements AutoCloseable {

    /** How long a service may take to drain and stop on SIGTERM before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final Path log;
    /** Held open and never written: its end is the child's signal that this JVM is gone. */
    @SuppressWarnings("unused")
    private final OutputStream parentAlive;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.parentAlive = process.getOutputStream();
    }

    /**
     * Starts ./mayfly serve service with this environment added to this JVM's.
     *
     * @param javaOptions the JVM's options (heap, collector), as words
     */
    static ChildProcess start(String name, String service, Map<String, String> environment, String javaOptions, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");   // Netty and Lucene still use sun.misc.Unsafe
        }
        Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MayflyCli.class.getName(), "serve", service));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put(ServeCommand.STOP_WITH_PARENT, "true");
        return new ChildProcess(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the readiness probe answers 200; fails early, pointing at the log, when the process ends. */
    void awaitReady(URI readiness, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** As a crash would: SIGKILL, no draining. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, without waiting: the service starts draining, as its siblings can meanwhile. */
    void signalStop() {
        process.destroy();
    }

    /** SIGTERM, so that the service drains; SIGKILL if it has not stopped in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            kill();
        }
    }
}
