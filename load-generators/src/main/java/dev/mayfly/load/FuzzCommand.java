package dev.mayfly.load;

import dev.mayfly.agent.AgentCommand;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.cli.AuditCommand;
import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.ManagementUrls;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.load.HostileRequests.HostileRequest;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ./mayfly bench fuzz: hostile requests ({@link HostileRequests}) to every endpoint of a running ./mayfly dev, with valid
 * signed calls mixed in, then the checks that the hostility did no harm: no 5xx and no stack trace in any answer, every
 * service healthy, every valid call in the audit trail exactly once, and the trail intact against its digests.
 *
 * <p>Request n of a run is made from a {@link Random} seeded by the run's seed and n alone, so that a finding is replayed
 * with the same --seed whatever order the senders took the requests in. Only this machine is a target: every address,
 * the source's included, must be a loopback one.
 */
final class FuzzCommand {

    /** Requests in flight at once: well under a source's limit of requests served at once (256), so that none is refused for that. */
    private static final int SENDERS = 8;
    /** One request in this many is a valid signed call, followed into the audit trail. */
    private static final int VALID_EVERY = 20;
    private static final Duration STRAGGLERS = Duration.ofSeconds(60);
    private static final long PROGRESS_MILLIS = 5_000;
    private static final int AGENT_PROBE_MILLIS = 1_000;

    private FuzzCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int requests = BenchCommand.option(args, "--requests", 100_000);
        int seconds = BenchCommand.option(args, "--seconds", 600);
        long seed = seed(BenchCommand.option(args, "--seed", Long.toString(new Random().nextLong())));
        if (requests < 1 || seconds < 1) {
            throw new CliException("--requests and --seconds are positive.");
        }
        InetAddress source = loopback(BenchCommand.option(args, "--source", "127.0.0.1"), "--source");
        Map<String, URI> services = new LinkedHashMap<>();
        services.put(HostileRequests.ISSUER, URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port())));
        services.put(HostileRequests.AUDIT, URI.create(settings.string("MAYFLY_AUDIT_URL", "http://127.0.0.1:" + AuditSettings.from(settings).port())));
        services.put(HostileRequests.REVOCATION, URI.create(settings.string("MAYFLY_REVOCATION_URL",
                "http://127.0.0.1:" + RevocationSettings.from(settings).port())));
        services.put(HostileRequests.ISSUER_MANAGEMENT, ManagementUrls.issuer(settings));
        services.put(HostileRequests.AUDIT_MANAGEMENT, ManagementUrls.audit(settings));
        services.put(HostileRequests.REVOCATION_MANAGEMENT, ManagementUrls.revocation(settings));
        URI agent = URI.create(BenchCommand.option(args, "--agent", "http://" + AgentCommand.DEFAULT_LISTEN));
        URI elasticsearch = BenchElasticsearch.url(settings);
        List<URI> targets = new ArrayList<>(services.values());
        targets.add(agent);
        targets.add(elasticsearch);
        targets.forEach(target -> loopback(target.getHost(), target.toString()));
        if (listening(agent)) {
            services.put(HostileRequests.AGENT, agent);
        } else {
            out.println("No metadata agent at " + agent + ": it is left out.");
        }
        CliCredentials root = CliCredentials.devProfile(settings.home().resolve("credentials"));
        out.printf("Seed %d (the same --seed replays this run). Up to %d requests or %d s, from %s, one in %d a valid signed call ...%n",
                seed, requests, seconds, source.getHostAddress(), VALID_EVERY);
        try {
            return new Run(seed, source, services, root, out).run(requests, seconds, elasticsearch, settings);
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + services.get(HostileRequests.ISSUER) + ": start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("The fuzzing failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    /** One run: its senders, what they saw, and the checks after. */
    private static final class Run {
        private final long seed;
        private final Map<String, KeepAliveHttp> http = new LinkedHashMap<>();
        private final Map<String, URI> services;
        private final HostileRequests hostile;
        private final QueryClient issuerRoot;
        private final FuzzTally tally;
        private final PrintStream out;
        private final Queue<String> validRequestIds = new ConcurrentLinkedQueue<>();
        /** Requests the project's own signer would not sign (a path no client could send): not sent. */
        private final AtomicLong unsignable = new AtomicLong();

        Run(long seed, InetAddress source, Map<String, URI> services, CliCredentials root, PrintStream out) {
            this.seed = seed;
            this.services = services;
            services.forEach((name, url) -> http.put(name, new KeepAliveHttp(url, source)));
            this.hostile = new HostileRequests(services, root);
            this.issuerRoot = new QueryClient(services.get(HostileRequests.ISSUER), root);
            this.tally = new FuzzTally(out);
            this.out = out;
        }

        int run(int requests, int seconds, URI elasticsearch, Settings settings) throws IOException, InterruptedException {
            String account = QueryClient.element(BenchCommand.ok(issuerRoot.call("sts", BenchCommand.STS_VERSION, "GetCallerIdentity",
                    Map.of())), "Account");
            // the trail's records hold whole seconds
            Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            long started = System.nanoTime();
            try (AssumeRoleLoad assumeRole = AssumeRoleLoad.setUp(services.get(HostileRequests.ISSUER), settings, out)) {
                send(requests, System.nanoTime() + seconds * 1_000_000_000L, assumeRole, started);
            } finally {
                http.values().forEach(KeepAliveHttp::close);
            }
            Instant to = Instant.now();
            double tookSeconds = (System.nanoTime() - started) / 1e9;
            out.printf("Sent %d requests in %.1f s (%.0f/s); %d not sendable (the signer refused them).%n", tally.sent(), tookSeconds,
                    tally.sent() / tookSeconds, unsignable.get());
            tally.printSummary();
            boolean healthy = healthy();
            boolean recorded = recordedOnce(elasticsearch);
            // the validation's own calls must fall after the window
            Thread.sleep(1_100);
            out.println("./mayfly audit validate --from " + from + " --to " + to + " --account " + account + ":");
            boolean intact = AuditCommand.run(new String[] {"validate", "--from", from.toString(), "--to", to.toString(), "--account", account},
                    settings, out, out) == 0;
            boolean passed = tally.findings() == 0 && healthy && recorded && intact;
            out.printf("Result: %s (findings %d, services healthy: %s, valid calls recorded once: %s, trail intact: %s; seed %d)%n",
                    passed ? "PASSED" : "FAILED", tally.findings(), healthy ? "yes" : "NO", recorded ? "yes" : "NO", intact ? "yes" : "NO", seed);
            return passed ? 0 : 1;
        }

        /** The senders take request numbers in turn until all are sent or the time is up; progress is printed meanwhile. */
        private void send(int requests, long deadline, AssumeRoleLoad assumeRole, long started) throws InterruptedException {
            AtomicLong next = new AtomicLong();
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                senders.add(Thread.ofVirtual().start(() -> {
                    for (long n = next.getAndIncrement(); n < requests && System.nanoTime() < deadline; n = next.getAndIncrement()) {
                        if (n % VALID_EVERY == 0) {
                            valid(n, assumeRole);
                        } else {
                            hostile(n);
                        }
                    }
                }));
            }
            Thread progress = Thread.ofPlatform().daemon().name("fuzz-progress").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(PROGRESS_MILLIS);
                        out.printf("%4.0f s: %s%n", (System.nanoTime() - started) / 1e9, tally.progress());
                    }
                } catch (InterruptedException e) {
                    // sending is over
                }
            });
            for (Thread sender : senders) {
                sender.join();
            }
            progress.interrupt();
        }

        private void hostile(long n) {
            HostileRequest request;
            try {
                request = hostile.next(new Random(requestSeed(seed, n)));
            } catch (IllegalArgumentException e) {
                unsignable.incrementAndGet();
                return;
            }
            exchange(n, request.endpoint(), http.get(request.service()), request.request());
        }

        /** GetCallerIdentity as the dev account's root and AssumeRole of a role of its own (one record each), in turn. */
        private void valid(long n, AssumeRoleLoad assumeRole) {
            boolean getCallerIdentity = n / VALID_EVERY % 2 == 0;
            String endpoint = "issuer valid " + (getCallerIdentity ? "GetCallerIdentity" : "AssumeRole");
            try {
                KeepAliveHttp.Reply reply = getCallerIdentity ? http.get(HostileRequests.ISSUER).send(issuerRoot.signedCall("sts",
                        BenchCommand.STS_VERSION, "GetCallerIdentity", Map.of())) : assumeRole.assumeRole();
                tally.answered(n, endpoint, endpoint, reply);
                if (reply.status() == 200 && reply.requestId() != null) {
                    validRequestIds.add(reply.requestId());
                } else if (reply.status() < 500) {    // a 5xx is a finding already
                    tally.finding(n, "valid call refused", endpoint, endpoint, reply.status() + " " + reply.body());
                }
            } catch (IOException | RuntimeException e) {
                tally.closed(endpoint);
                tally.finding(n, "valid call unanswered", endpoint, endpoint, e.toString());
            }
        }

        private void exchange(long n, String endpoint, KeepAliveHttp to, SignedRequest request) {
            try {
                tally.answered(n, endpoint, describe(request), to.send(request));
            } catch (SocketTimeoutException e) {
                tally.closed(endpoint);
                tally.finding(n, "no answer in time", endpoint, describe(request), e.toString());
            } catch (IOException e) {
                tally.closed(endpoint);
            } catch (RuntimeException e) {
                tally.closed(endpoint);
                tally.finding(n, "answer not HTTP", endpoint, describe(request), e.toString());
            }
        }

        private boolean healthy() {
            boolean healthy = true;
            for (String service : HostileRequests.LISTENERS) {
                try (KeepAliveHttp client = new KeepAliveHttp(services.get(service))) {
                    KeepAliveHttp.Reply reply = client.send(new SignedRequest("GET", "/healthz", "",
                            new RequestHeaders().add("Host", services.get(service).getAuthority()), new byte[0]));
                    out.println(service + " /healthz: " + reply.status() + " " + reply.body());
                    healthy &= reply.status() == 200;
                } catch (IOException e) {
                    out.println(service + " /healthz: no answer (" + e.getMessage() + ")");
                    healthy = false;
                }
            }
            return healthy;
        }

        private boolean recordedOnce(URI elasticsearch) throws IOException, InterruptedException {
            List<String> ids = List.copyOf(validRequestIds);
            out.printf("Looking for the %d valid calls in the audit trail (up to %d s for stragglers) ...%n", ids.size(), STRAGGLERS.toSeconds());
            try (TrailCheck trail = new TrailCheck(elasticsearch)) {
                TrailCheck.Result result = trail.check(ids, STRAGGLERS);
                out.printf("valid calls: %d, recorded exactly once: %d, missing: %d %s, recorded more than once: %d %s%n", ids.size(),
                        ids.size() - result.missing().size() - result.repeated().size(), result.missing().size(),
                        first(result.missing()), result.repeated().size(), first(result.repeated()));
                return result.missing().isEmpty() && result.repeated().isEmpty();
            }
        }
    }

    private static List<String> first(List<String> ids) {
        return ids.subList(0, Math.min(ids.size(), 10));
    }

    private static String describe(SignedRequest request) {
        return request.method() + " " + request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()) + " "
                + request.headers().names() + " body " + request.body().length + " bytes: " + new String(request.body(), StandardCharsets.UTF_8);
    }

    /** Request n's own seed: the run's seed and n mixed (SplitMix64), so that neighbouring requests draw unrelated garbage. */
    static long requestSeed(long seed, long n) {
        long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CliException("--seed takes a whole number.");
        }
    }

    /** The address of a host of this machine; anything else is refused: hostile requests go nowhere else. */
    private static InetAddress loopback(String host, String what) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                throw new CliException("bench fuzz sends hostile requests only within this machine: " + what + " is not a loopback address.");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new CliException("Unknown host in " + what + ".");
        }
    }

    private static boolean listening(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), AGENT_PROBE_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
