package dev.mayfly.load;

import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.runtime.Settings;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.verifier.IssuerSessionKeys;
import dev.mayfly.verifier.Verdict;
import dev.mayfly.verifier.Verifier;
import dev.mayfly.verifier.VerifierSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ./mayfly bench verifier: what a resource server's verifier costs, against a running ./mayfly dev. Starts a verifier in
 * this process (as a resource server runs it), creates --sessions new sessions (AssumeRole), lets the platform settle, and
 * times each session's first request, which asks the issuer over loopback for the session's signed claims and signing
 * key, and then its second, which does not; finally counts decisions per CPU-second of one thread on a known session,
 * after as many to warm up.
 */
final class VerifierBenchCommand {

    private static final int CACHED_DECISIONS = 500_000;
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private VerifierBenchCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int sessions = BenchCommand.option(args, "--sessions", 500);
        int warmup = BenchCommand.option(args, "--warmup", 300);
        IssuerSettings issuerSettings = IssuerSettings.from(settings);
        URI issuer = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + issuerSettings.port()));
        CliCredentials root = CliCredentials.devProfile(settings.home().resolve("credentials"));
        return BenchFailures.explained(issuer, () -> {
            QueryClient rootIssuer = new QueryClient(issuer, root);
            RevocationBenchCommand.NotesReader reader = RevocationBenchCommand.notesReader(rootIssuer, "verifier-bench-");
            String roleArn = reader.roleArn();
            QueryClient user = reader.user();
            // a note's ARN names no account: the resource server says whose it is
            Resource note = new Resource("arn:aws:notes:::note/bench", reader.accountId(), null);
            VerifierSettings notes = RevocationBenchCommand.notesVerifier(settings, issuerSettings, issuer);
            try (Verifier verifier = Verifier.start(notes, Clock.systemUTC())) {
                awaitPolicies(verifier, request(user, roleArn, "warm-up"), note);
                out.printf("Creating %d sessions, then timing the first and second request of each after %d untimed ...%n",
                        sessions, warmup);
                List<SignedRequest> requests = new ArrayList<>();
                for (int i = 0; i < warmup + sessions; i++) {
                    requests.add(request(user, roleArn, "s" + i));
                }
                // the platform's own work on those AssumeRoles (events to Kafka, the audit trail) is not the verifier's
                Thread.sleep(SETTLE.toMillis());
                out.printf("the issuer's answer alone (no verifier): %s%n",
                        RevocationBenchCommand.percentiles(issuerAnswers(new IssuerSessionKeys(notes.issuer()), requests, warmup)));
                List<Double> first = new ArrayList<>();
                List<Double> second = new ArrayList<>();
                for (int i = 0; i < requests.size(); i++) {
                    double firstMillis = timed(verifier, requests.get(i), note);
                    double secondMillis = timed(verifier, requests.get(i), note);
                    if (i >= warmup) {
                        first.add(firstMillis);
                        second.add(secondMillis);
                    }
                }
                out.printf("first request of a session (asks the issuer): %s%n", RevocationBenchCommand.percentiles(first));
                out.printf("second request (known session):              %s%n", RevocationBenchCommand.percentiles(second));
                out.printf("known session, one thread: %,.0f decisions per CPU-second%n", perCpuSecond(verifier, request(user, roleArn, "cpu"), note));
            }
            return 0;
        });
    }

    /**
     * How long the issuer takes to answer a verifier's question about each session, asked by a client of its own (the
     * verifier still asks about them afterwards): what of a first request is the issuer's and the network's.
     */
    private static List<Double> issuerAnswers(IssuerSessionKeys issuer, List<SignedRequest> requests, int warmup) {
        String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            long start = System.nanoTime();
            issuer.fetch(requests.get(i).headers().first("X-Amz-Security-Token"), day, "us-east-1");
            if (i >= warmup) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return millis;
    }

    /** A new session of the role, and a request to the notes service signed with it. */
    private static SignedRequest request(QueryClient user, String roleArn, String sessionName) throws IOException, InterruptedException {
        String xml = BenchCommand.ok(user.call("sts", BenchCommand.STS_VERSION, "AssumeRole", Map.of("RoleArn", roleArn, "RoleSessionName", sessionName)));
        SignedRequest request = new SignedRequest("GET", "/notes/bench", "", new RequestHeaders().add("Host", "127.0.0.1:1"), new byte[0]);
        SigV4Signer.sign(request, QueryClient.element(xml, "AccessKeyId"), QueryClient.element(xml, "SecretAccessKey"),
                QueryClient.element(xml, "SessionToken"), "us-east-1", "notes", Instant.now());
        return request;
    }

    private static Verdict verdict(Verifier verifier, SignedRequest request, Resource note) {
        return verifier.verify(request, "notes:GetNote", note, "127.0.0.1", false, Map.of());
    }

    private static double timed(Verifier verifier, SignedRequest request, Resource note) {
        long start = System.nanoTime();
        Verdict verdict = verdict(verifier, request, note);
        double millis = (System.nanoTime() - start) / 1e6;
        if (!verdict.allowed()) {
            throw new CliException("The verifier refused a session it should allow: " + verdict.reason());
        }
        return millis;
    }

    /** Waits until the verifier has the role's policies (the policy feed is a moment behind a new role). */
    private static void awaitPolicies(Verifier verifier, SignedRequest request, Resource note) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!verdict(verifier, request, note).allowed()) {
            if (Instant.now().isAfter(deadline)) {
                throw new CliException("The verifier did not allow the role's session within 30 seconds: " + verdict(verifier, request, note).reason());
            }
            Thread.sleep(20);
        }
    }

    private static double perCpuSecond(Verifier verifier, SignedRequest request, Resource note) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < CACHED_DECISIONS; i++) {
            verdict(verifier, request, note);
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CACHED_DECISIONS; i++) {
            verdict(verifier, request, note);
        }
        return CACHED_DECISIONS / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
    }
}
