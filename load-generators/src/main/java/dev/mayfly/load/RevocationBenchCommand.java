package dev.mayfly.load;

import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.verifier.IssuerConnection;
import dev.mayfly.verifier.Verifier;
import dev.mayfly.verifier.VerifierSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ./mayfly bench revocation: how long a revocation takes to be enforced everywhere, against a running ./mayfly dev.
 * Starts verifiers in this process (as resource servers would run them), then, rule after rule: assumes a role, adds
 * a rule that revokes exactly that session through the rules API, and measures until each verifier refuses a request
 * the session signed before, and until the issuer refuses the session. Prints p50, p99 and the maximum for both.
 */
final class RevocationBenchCommand {

    private static final String STS_VERSION = "2011-06-15";
    private static final String IAM_VERSION = "2010-05-08";

    private RevocationBenchCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int rules = BenchCommand.option(args, "--rules", 100);
        int verifierCount = BenchCommand.option(args, "--verifiers", 3);
        IssuerSettings issuerSettings = IssuerSettings.from(settings);
        URI issuer = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + issuerSettings.port()));
        URI revocation = URI.create(settings.string("MAYFLY_REVOCATION_URL", "http://127.0.0.1:" + RevocationSettings.from(settings).port()));
        CliCredentials root = CliCredentials.devProfile(settings.home().resolve("credentials"));
        List<Verifier> verifiers = new ArrayList<>();
        try {
            return BenchFailures.explained(issuer, () -> {
                QueryClient rootIssuer = new QueryClient(issuer, root);
                QueryClient rootRules = new QueryClient(revocation, root);
                NotesReader reader = notesReader(rootIssuer, "revocation-bench-");
                String roleArn = reader.roleArn();
                QueryClient user = reader.user();
                out.printf("Starting %d verifiers ...%n", verifierCount);
                VerifierSettings notes = notesVerifier(settings, issuerSettings, issuer);
                for (int i = 0; i < verifierCount; i++) {
                    verifiers.add(Verifier.start(notes, Clock.systemUTC()));
                }
                out.printf("Revoking %d sessions one after the other, each refused by %d verifiers and the issuer ...%n", rules, verifierCount);
                List<Double> atVerifiers = new ArrayList<>();
                List<Double> atIssuer = new ArrayList<>();
                for (int i = 0; i < rules; i++) {
                    measure(user, rootRules, roleArn, "s" + i, verifiers, issuer, atVerifiers, atIssuer);
                }
                out.printf("rule added -> refused at every verifier (%d samples): %s%n", atVerifiers.size(), percentiles(atVerifiers));
                out.printf("rule added -> refused at the issuer (%d samples): %s%n", atIssuer.size(), percentiles(atIssuer));
                return 0;
            });
        } finally {
            for (Verifier verifier : verifiers) {
                try {
                    verifier.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A verifier of the notes service in this process, as a resource server runs one: its own credential (the one dev mode
     * writes for the example resource server), the issuer's and the revocation service's public keys.
     */
    static VerifierSettings notesVerifier(Settings settings, IssuerSettings issuerSettings, URI issuer) throws IOException {
        IssuerConnection toIssuer = new IssuerConnection(issuer,
                ServiceCredential.read(settings.home().resolve("keys").resolve("notes.service-credential")), TlsTrust.from(settings).context());
        return new VerifierSettings(BenchKafka.cluster(settings), toIssuer, issuerSettings.signingPublicKeysFile(), Duration.ofSeconds(30), true,
                issuerSettings.revocationPublicKeysFile());
    }

    /** A user of the dev account who may assume a fresh role allowed to read notes: what the verifier benchmarks sign with. */
    record NotesReader(String accountId, String roleArn, QueryClient user) {
    }

    static NotesReader notesReader(QueryClient root, String namePrefix) throws IOException, InterruptedException {
        String name = namePrefix + System.currentTimeMillis();
        String accountId = QueryClient.element(BenchCommand.ok(root.call("sts", STS_VERSION, "GetCallerIdentity", Map.of())), "Account");
        return new NotesReader(accountId, "arn:aws:iam::" + accountId + ":role/" + name, setUp(root, name, accountId));
    }

    /** A user that may assume a role whose policy allows reading notes. */
    private static QueryClient setUp(QueryClient root, String name, String accountId) throws IOException, InterruptedException {
        BenchCommand.ok(root.call("iam", IAM_VERSION, "CreateUser", Map.of("UserName", name)));
        String keyXml = BenchCommand.ok(root.call("iam", IAM_VERSION, "CreateAccessKey", Map.of("UserName", name)));
        BenchCommand.ok(root.call("iam", IAM_VERSION, "CreateRole", Map.of("RoleName", name, "AssumeRolePolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + accountId + ":user/" + name + "\"},\"Action\":\"sts:AssumeRole\"}]}")));
        BenchCommand.ok(root.call("iam", IAM_VERSION, "PutRolePolicy", Map.of("RoleName", name, "PolicyName", "notes", "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"notes:GetNote\",\"Resource\":\"*\"}}")));
        return new QueryClient(root.endpoint(), new CliCredentials(QueryClient.element(keyXml, "AccessKeyId"),
                QueryClient.element(keyXml, "SecretAccessKey"), null));
    }

    private static void measure(QueryClient user, QueryClient rules, String roleArn, String sessionName, List<Verifier> verifiers,
                                URI issuer, List<Double> atVerifiers, List<Double> atIssuer) throws IOException, InterruptedException {
        String xml = BenchCommand.ok(user.call("sts", STS_VERSION, "AssumeRole", Map.of("RoleArn", roleArn, "RoleSessionName", sessionName)));
        CliCredentials session = new CliCredentials(QueryClient.element(xml, "AccessKeyId"), QueryClient.element(xml, "SecretAccessKey"),
                QueryClient.element(xml, "SessionToken"));
        String sessionArn = QueryClient.element(xml, "Arn");
        SignedRequest request = new SignedRequest("GET", "/notes/bench", "", new RequestHeaders().add("Host", "127.0.0.1:1"), new byte[0]);
        // a note of the role's own account: the verifier refuses a resource whose owning account it is not told
        Resource note = new Resource("arn:aws:notes:::note/bench", Resource.accountOf(roleArn), null);
        SigV4Signer.sign(request, session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), "us-east-1", "notes", Instant.now());
        for (Verifier verifier : verifiers) {
            awaitVerdict(verifier, request, note, true);
        }
        QueryClient sessionClient = new QueryClient(issuer, session);
        long start = System.nanoTime();
        HttpResponse<String> created = rules.json("POST", "/rules", "{\"Scope\":\"Principal\",\"Target\":\"" + sessionArn + "\"}", "revocation");
        if (created.statusCode() != 201 && created.statusCode() != 202) {
            throw new CliException("The rules API refused: " + created.body());
        }
        boolean[] refused = new boolean[verifiers.size()];
        int remaining = verifiers.size();
        boolean issuerRefused = false;
        long verifiersDone = 0;
        while (remaining > 0 || !issuerRefused) {
            for (int k = 0; k < verifiers.size(); k++) {
                if (!refused[k] && !verdict(verifiers.get(k), request, note)) {
                    refused[k] = true;
                    if (--remaining == 0) {
                        verifiersDone = System.nanoTime();
                    }
                }
            }
            if (!issuerRefused && sessionClient.call("sts", STS_VERSION, "GetCallerIdentity", Map.of()).statusCode() == 403) {
                issuerRefused = true;
                atIssuer.add((System.nanoTime() - start) / 1e6);
            }
            if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                throw new CliException("A revocation was not enforced everywhere within 30 seconds.");
            }
        }
        atVerifiers.add((verifiersDone - start) / 1e6);
    }

    static boolean verdict(Verifier verifier, SignedRequest request, Resource note) {
        return verifier.verify(request, "notes:GetNote", note, "127.0.0.1", false, Map.of()).allowed();
    }

    /** Waits until the verifier has the role's policies (the policy feed is a moment behind a new role). */
    static void awaitVerdict(Verifier verifier, SignedRequest request, Resource note, boolean allowed) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (verdict(verifier, request, note) != allowed) {
            if (Instant.now().isAfter(deadline)) {
                throw new CliException("A verifier did not learn the role's policies within 30 seconds.");
            }
            Thread.sleep(5);
        }
    }

    static String percentiles(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", at(sorted, 50), at(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
