package dev.mayfly.load;

import dev.mayfly.cli.CliException;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.load.cpu.CpuBreakdown;
import dev.mayfly.load.cpu.PlatformCpu;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * ./mayfly bench: AssumeRole end to end (HTTP, SigV4, policy evaluation, token sealing, durable event,
 * Kafka publication) against a running ./mayfly dev, from a number of concurrent clients for a fixed time,
 * after a warm-up. Prints throughput and latency percentiles, and the CPU the platform spent per call over the measured
 * phase, split by component ({@link PlatformCpu}); optionally a JFR recording of the phase in the platform's JVM. The
 * load runs on the same machine as the platform, so both share its cores; its own CPU is not the platform's.
 */
public final class BenchCommand {

    static final String STS_VERSION = "2011-06-15";

    private BenchCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out) {
        if (args.length > 0 && args[0].equals("detection")) {
            return DetectionBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("revocation")) {
            return RevocationBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("isolation")) {
            return IsolationBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("audit")) {
            return AuditBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("verifier")) {
            return VerifierBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("failover")) {
            return FailoverBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("fuzz")) {
            return FuzzCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        if (args.length > 0 && args[0].equals("compare")) {
            return CompareBenchCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out);
        }
        int seconds = option(args, "--seconds", 20);
        int concurrency = option(args, "--concurrency", 16);
        int warmup = option(args, "--warmup", 5);
        String profile = option(args, "--profile", null);
        URI issuer = issuerUrl(settings);
        return BenchFailures.explained(issuer, () -> {
            try (AssumeRoleLoad load = AssumeRoleLoad.setUp(issuer, settings, out)) {
                out.printf("Warming up for %d s, then AssumeRole from %d concurrent clients for %d s ...%n", warmup, concurrency, seconds);
                load(load, concurrency, warmup);
                Optional<PlatformCpu> cpu = platformCpu(issuer, settings);
                JfrRecording recording = profile == null ? null : JfrRecording.start(cpu.orElseThrow(() -> new CliException(
                        "--profile needs the platform's JVM on this machine: no process here listens on " + issuer)).roots().getFirst(), Path.of(profile));
                cpu.ifPresent(PlatformCpu::start);
                Result result;
                Optional<CpuBreakdown> spent;
                try {
                    result = load(load, concurrency, seconds);
                    // sampled before the recording stops: writing its file is not the platform's cost
                    spent = cpu.map(PlatformCpu::stop);
                } finally {
                    // a recording left running would go on filling the platform's disk
                    if (recording != null) {
                        recording.stop();
                    }
                }
                out.printf("requests: %d in %d s, %.0f AssumeRole/s, errors: %d%n", result.count(), seconds,
                        result.count() / (double) seconds, result.errors());
                out.printf("latency ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n", result.percentile(50),
                        result.percentile(90), result.percentile(99), result.percentile(99.9), result.percentile(100));
                spent.ifPresentOrElse(breakdown -> breakdown.print(out, result.count(), seconds), () -> out.println(
                        "platform CPU: not measured (no process of this machine's /proc listens on " + issuer + ")"));
                if (recording != null) {
                    out.println("JFR recording of the measured phase: " + Path.of(profile).toAbsolutePath() + " (jfr print, or JDK Mission Control)");
                }
                return result.errors() == 0 ? 0 : 1;
            }
        });
    }

    static URI issuerUrl(Settings settings) {
        return URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port()));
    }

    /**
     * The platform whose CPU the measured phase is charged: the processes on this machine listening on the issuer's port
     * and on PostgreSQL's (MAYFLY_POSTGRES_PORT, 5433 as ./mayfly dev starts it), when the issuer is on this machine.
     */
    static Optional<PlatformCpu> platformCpu(URI issuer, Settings settings) {
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(issuer.getHost()) || issuer.getPort() < 0) {
            return Optional.empty();
        }
        return PlatformCpu.listeningOn(issuer.getPort(), settings.integer("MAYFLY_POSTGRES_PORT", 5433));
    }

    /** What a load measured: the latencies of the calls answered 200, sorted, and how many were not. */
    record Result(long[] latenciesNanos, long errors) {
        long count() {
            return latenciesNanos.length;
        }

        double percentile(double p) {
            return percentileMillis(latenciesNanos, p);
        }
    }

    /** The p-th percentile (nearest rank) of sorted nanoseconds, in milliseconds; NaN for none. */
    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    /** Each client loops until the deadline and keeps its own latencies; they are merged once all have stopped. */
    static Result load(AssumeRoleLoad load, int concurrency, int seconds) throws InterruptedException {
        return load(load, concurrency, seconds, 0);
    }

    /**
     * @param perClientPerSecond how many calls each client makes a second at most (it waits before a call that would come
     *                           early), or 0 for each client's next call as soon as the last is answered
     */
    static Result load(AssumeRoleLoad load, int concurrency, int seconds, int perClientPerSecond) throws InterruptedException {
        long interval = perClientPerSecond > 0 ? 1_000_000_000L / perClientPerSecond : 0;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[concurrency][];
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int slot = i;
            clients.add(Thread.ofVirtual().start(() -> latencies[slot] = loop(load, deadline, interval, errors)));
        }
        for (Thread thread : clients) {
            thread.join();
        }
        return new Result(Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray(), errors.get());
    }

    private static long[] loop(AssumeRoleLoad load, long deadline, long interval, AtomicLong errors) {
        long[] latencies = new long[1024];
        int n = 0;
        long next = System.nanoTime();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(next - System.nanoTime());
            long start = System.nanoTime();
            next = Math.max(next + interval, start);
            try {
                if (load.assumeRole().status() != 200) {
                    errors.incrementAndGet();
                    continue;
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                continue;
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = System.nanoTime() - start;
        }
        return Arrays.copyOf(latencies, n);
    }

    static String ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new CliException("Setup failed: " + response.body());
        }
        return response.body();
    }

    static String option(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }

    static int option(String[] args, String name, int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new CliException(name + " takes a whole number.");
                }
            }
        }
        return defaultValue;
    }
}
