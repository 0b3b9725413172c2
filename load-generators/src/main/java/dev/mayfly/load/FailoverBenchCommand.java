package dev.mayfly.load;

import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.ClusterMembers;
import dev.mayfly.cli.ClusterMembers.Member;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.load.AssumeRoleLoad.Caller;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ./mayfly bench failover: against ./mayfly dev --issuers N, AssumeRole from concurrent clients through the round-robin
 * listener, and one issuer killed with SIGKILL half-way through. The clients retry as the AWS SDKs do by default
 * (standard mode: three attempts in all, for an error of the connection or a 5xx, after a short back-off), so what a
 * client sees fail is what three attempts could not get answered. Prints the failures, the p99 before and after the kill
 * and how long the calls caught by it took to be answered.
 *
 * <p>The load's user and role are made on issuer-1 and must be known to every issuer before the drill means anything;
 * they are kept in $MAYFLY_HOME/{@value #CALLER_FILE} and used again by the next run.
 */
final class FailoverBenchCommand {

    static final String CALLER_FILE = "bench-failover.caller";
    /** The SDKs' standard retry mode: three attempts in all. */
    private static final int ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofMillis(50);
    private static final Duration KNOWN_EVERYWHERE_WITHIN = Duration.ofSeconds(5);

    /** One call as the client saw it, times in nanoseconds of System.nanoTime. */
    private record Call(long sent, long ended, boolean answered, int attempts) {
        long tookNanos() {
            return ended - sent;
        }
    }

    private FailoverBenchCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int seconds = BenchCommand.option(args, "--seconds", 20);
        int concurrency = BenchCommand.option(args, "--concurrency", 8);
        int warmup = BenchCommand.option(args, "--warmup", 5);
        List<Member> issuers = ClusterMembers.read(settings.home());
        if (issuers.size() < 2) {
            throw new CliException("bench failover needs a cluster: start ./mayfly dev --issuers 2 (or more) on this MAYFLY_HOME ("
                    + settings.home() + ") first.");
        }
        issuers.stream().filter(issuer -> ProcessHandle.of(issuer.pid()).map(ProcessHandle::isAlive).isEmpty()).findFirst().ifPresent(gone -> {
            throw new CliException(gone.name() + " (pid " + gone.pid() + ") is not running, killed by an earlier run perhaps:"
                    + " restart ./mayfly dev --issuers " + issuers.size() + ".");
        });
        // the last: issuer-1 holds the management port the CLI's admin commands use
        Member victim = issuers.getLast();
        URI listener = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port()));
        try {
            Caller caller = caller(settings, issuers.getFirst(), out);
            Optional<Member> unaware = Optional.empty();
            for (Member issuer : issuers) {
                if (unaware.isEmpty() && !answersAssumeRole(issuer.url(), caller)) {
                    unaware = Optional.of(issuer);
                }
            }
            if (unaware.isPresent()) {
                out.println(unaware.get().name() + " does not know the load's user and role, made on " + issuers.getFirst().name()
                        + ": issuers learn each other's IAM changes only when they start, for now. Restart ./mayfly dev --issuers "
                        + issuers.size() + ", then run ./mayfly bench failover again: it uses the same user and role (kept in "
                        + settings.home().resolve(CALLER_FILE) + ").");
                return 1;
            }
            try (AssumeRoleLoad load = AssumeRoleLoad.of(listener, caller)) {
                out.printf("Warming up for %d s, then AssumeRole from %d concurrent clients through %s for %d s; %s is killed"
                        + " (SIGKILL) after %d s ...%n", warmup, concurrency, listener, seconds, victim.name(), seconds / 2);
                measure(load, concurrency, Duration.ofSeconds(warmup), null);
                ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
                long start = System.nanoTime();
                long killed = measure(load, concurrency, Duration.ofSeconds(seconds), new Drill(calls, victim,
                        Files.getLastModifiedTime(settings.home().resolve(ClusterMembers.FILE)).toInstant(), Duration.ofSeconds(seconds / 2)));
                report(List.copyOf(calls), start, killed, System.nanoTime(), victim, out);
                return calls.stream().allMatch(Call::answered) ? 0 : 1;
            }
        } catch (IOException e) {
            throw new CliException("The benchmark failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    /** The user and role of the last run, or new ones made on this issuer (directly, not through the listener). */
    private static Caller caller(Settings settings, Member first, PrintStream out) throws IOException, InterruptedException {
        Path file = settings.home().resolve(CALLER_FILE);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            return new Caller(lines.get(0), lines.get(1), lines.get(2));
        }
        Caller caller = AssumeRoleLoad.createCaller(first.url(), CliCredentials.devProfile(settings.home().resolve("credentials")), out);
        PrivateFiles.write(file, caller.accessKeyId() + "\n" + caller.secretAccessKey() + "\n" + caller.roleArn() + "\n");
        return caller;
    }

    /** Whether this issuer, asked directly, answers the caller's AssumeRole (within a few seconds, should it be catching up). */
    private static boolean answersAssumeRole(URI issuer, Caller caller) throws InterruptedException {
        Instant deadline = Instant.now().plus(KNOWN_EVERYWHERE_WITHIN);
        try (AssumeRoleLoad direct = AssumeRoleLoad.of(issuer, caller)) {
            do {
                try {
                    if (direct.assumeRole().status() == 200) {
                        return true;
                    }
                } catch (IOException e) {
                    return false;
                }
                Thread.sleep(250);
            } while (Instant.now().isBefore(deadline));
        }
        return false;
    }

    /** What a measured run records, and the issuer it kills after a while. */
    private record Drill(ConcurrentLinkedQueue<Call> calls, Member victim, Instant listed, Duration killAfter) {
    }

    /** Runs the clients for this long; with a drill, records every call and kills its issuer on time (returns when, in nanos). */
    private static long measure(AssumeRoleLoad load, int concurrency, Duration duration, Drill drill) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    Call call = callRetrying(load);
                    if (drill != null) {
                        drill.calls().add(call);
                    }
                }
            }));
        }
        try {
            if (drill == null) {
                Thread.sleep(duration);
                return 0;
            }
            Thread.sleep(drill.killAfter());
            long killed = System.nanoTime();
            kill(drill.victim(), drill.listed());
            Thread.sleep(duration.minus(drill.killAfter()));
            return killed;
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
    }

    private static Call callRetrying(AssumeRoleLoad load) {
        long sent = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            boolean answered;
            try {
                int status = load.assumeRole().status();
                answered = status == 200;
                if (answered || status < 500 || attempt == ATTEMPTS) {
                    return new Call(sent, System.nanoTime(), answered, attempt);
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    return new Call(sent, System.nanoTime(), false, attempt);
                }
            }
            try {
                Thread.sleep(BACKOFF.multipliedBy(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Call(sent, System.nanoTime(), false, attempt);
            }
        }
    }

    /**
     * SIGKILL, as a crash would; only to a process started before the cluster listed its issuers, should the pid have
     * been reused since (a process's command line is no proof: the JDK may read it cut short).
     */
    private static void kill(Member victim, Instant listed) {
        Optional<ProcessHandle> process = ProcessHandle.of(victim.pid())
                .filter(handle -> handle.info().startInstant().map(started -> !started.isAfter(listed)).orElse(false));
        if (process.isEmpty()) {
            throw new CliException(victim.name() + " (pid " + victim.pid() + ") is not running: restart ./mayfly dev --issuers N.");
        }
        process.get().destroyForcibly();
    }

    private static void report(List<Call> calls, long start, long killed, long end, Member victim, PrintStream out) {
        List<Call> before = calls.stream().filter(call -> call.sent() < killed).toList();
        List<Call> after = calls.stream().filter(call -> call.sent() >= killed).toList();
        List<Call> caught = before.stream().filter(call -> call.ended() > killed).toList();
        long failed = calls.stream().filter(call -> !call.answered()).count();
        long retried = calls.stream().filter(call -> call.attempts() > 1).count();
        out.printf("killed %s (pid %d) after %.1f s%n", victim.name(), victim.pid(), (killed - start) / 1e9);
        out.printf("calls: %d, failed after retries: %d, answered after a retry: %d%n", calls.size(), failed,
                calls.stream().filter(call -> call.attempts() > 1 && call.answered()).count());
        out.printf("before the kill: %.0f AssumeRole/s, p99 %.1f ms; after: %.0f AssumeRole/s, p99 %.1f ms%n",
                before.size() / ((killed - start) / 1e9), p99(before), after.size() / ((end - killed) / 1e9), p99(after));
        out.printf("calls in flight at the kill: %d, answered within %.0f ms of it (time to recover)%n", caught.size(),
                caught.stream().mapToLong(Call::ended).max().orElse(killed) / 1e6 - killed / 1e6);
        if (retried > 0 && failed == 0) {
            out.println("Every call caught by the kill was answered on a retry, as an SDK's would be.");
        }
        out.println(victim.name() + " stays down until ./mayfly dev --issuers N is started again.");
    }

    private static double p99(List<Call> calls) {
        return BenchCommand.percentileMillis(calls.stream().filter(Call::answered).mapToLong(Call::tookNanos).sorted().toArray(), 99);
    }
}
