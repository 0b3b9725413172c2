package dev.mayfly.load;

import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.load.RevocationBenchCommand.NotesReader;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.verifier.Verifier;
import dev.mayfly.verifier.VerifierSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ./mayfly bench revocation and ./mayfly bench detection time, round after round: a fresh session of the notes
 * reader's role, allowed by every verifier of this process; then what should have it refused (a rule, an offending
 * call); then how long until every verifier, and the issuer, refuse it.
 */
final class EnforcementRounds implements AutoCloseable {

    private static final String STS_VERSION = "2011-06-15";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    /** What makes a session refused everywhere, started when the clock starts. */
    interface Trigger {
        void fire(Session session) throws IOException, InterruptedException;
    }

    /** A session of the role, its client of the issuer, and a request it signed for the notes service. */
    record Session(String arn, QueryClient issuer, SignedRequest notesRequest, Resource note) {
    }

    private final NotesReader reader;
    private final URI issuer;
    private final List<Verifier> verifiers = new ArrayList<>();
    private final List<Double> atVerifiers = new ArrayList<>();
    private final List<Double> atIssuer = new ArrayList<>();

    private EnforcementRounds(NotesReader reader, URI issuer) {
        this.reader = reader;
        this.issuer = issuer;
    }

    /** Starts {@code count} verifiers of the notes service in this process, as resource servers run them. */
    static EnforcementRounds start(NotesReader reader, URI issuer, VerifierSettings notes, int count, PrintStream out)
            throws IOException, InterruptedException {
        out.printf("Starting %d verifiers ...%n", count);
        EnforcementRounds rounds = new EnforcementRounds(reader, issuer);
        try {
            for (int i = 0; i < count; i++) {
                rounds.verifiers.add(Verifier.start(notes, Clock.systemUTC()));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            rounds.close(); // those started already
            throw e;
        }
        return rounds;
    }

    int verifierCount() {
        return verifiers.size();
    }

    /**
     * One round: a session every verifier allows, the trigger, and the times until every verifier and until the issuer
     * refuse the session.
     *
     * @param pause       between two looks at the verifiers and the issuer (zero: look again at once)
     * @param notEnforced what to say when the session is still allowed somewhere after 30 seconds
     */
    void round(String sessionName, Trigger trigger, Duration pause, String notEnforced) throws IOException, InterruptedException {
        Session session = session(sessionName);
        long start = System.nanoTime();
        trigger.fire(session);
        boolean[] refused = new boolean[verifiers.size()];
        int remaining = verifiers.size();
        boolean issuerRefused = false;
        long verifiersDone = 0;
        while (remaining > 0 || !issuerRefused) {
            for (int k = 0; k < verifiers.size(); k++) {
                if (!refused[k] && !RevocationBenchCommand.verdict(verifiers.get(k), session.notesRequest(), session.note())) {
                    refused[k] = true;
                    if (--remaining == 0) {
                        verifiersDone = System.nanoTime();
                    }
                }
            }
            if (!issuerRefused && session.issuer().call("sts", STS_VERSION, "GetCallerIdentity", Map.of()).statusCode() == 403) {
                issuerRefused = true;
                atIssuer.add((System.nanoTime() - start) / 1e6);
            }
            if (System.nanoTime() - start > WITHIN.toNanos()) {
                throw new CliException(notEnforced);
            }
            if (!pause.isZero()) {
                Thread.sleep(pause);
            }
        }
        atVerifiers.add((verifiersDone - start) / 1e6);
    }

    /** The two lines of figures, each beginning with what started the clock. */
    void print(String started, PrintStream out) {
        out.printf("%s -> refused at every verifier (%d samples): %s%n", started, atVerifiers.size(),
                RevocationBenchCommand.percentiles(atVerifiers));
        out.printf("%s -> refused at the issuer (%d samples): %s%n", started, atIssuer.size(), RevocationBenchCommand.percentiles(atIssuer));
    }

    /** A fresh session of the role, once every verifier has the role's policies (the policy feed is a moment behind). */
    private Session session(String sessionName) throws IOException, InterruptedException {
        String xml = BenchCommand.ok(reader.user().call("sts", STS_VERSION, "AssumeRole", Map.of("RoleArn", reader.roleArn(),
                "RoleSessionName", sessionName)));
        CliCredentials credentials = new CliCredentials(QueryClient.element(xml, "AccessKeyId"), QueryClient.element(xml, "SecretAccessKey"),
                QueryClient.element(xml, "SessionToken"));
        SignedRequest request = new SignedRequest("GET", "/notes/bench", "", new RequestHeaders().add("Host", "127.0.0.1:1"), new byte[0]);
        SigV4Signer.sign(request, credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken(), "us-east-1", "notes",
                Instant.now());
        // a note of the role's own account: the verifier refuses a resource whose owning account it is not told
        Resource note = new Resource("arn:aws:notes:::note/bench", Resource.accountOf(reader.roleArn()), null);
        for (Verifier verifier : verifiers) {
            RevocationBenchCommand.awaitVerdict(verifier, request, note, true);
        }
        return new Session(QueryClient.element(xml, "Arn"), new QueryClient(issuer, credentials), request, note);
    }

    @Override
    public void close() {
        for (Verifier verifier : verifiers) {
            try {
                verifier.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
