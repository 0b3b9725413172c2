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
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.verifier.IssuerConnection;
import dev.mayfly.verifier.Verifier;
import dev.mayfly.verifier.VerifierSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
        return BenchFailures.explained(issuer, () -> {
            QueryClient rootIssuer = new QueryClient(issuer, root);
            QueryClient rootRules = new QueryClient(revocation, root);
            NotesReader reader = notesReader(rootIssuer, "revocation-bench-");
            try (EnforcementRounds rounds = EnforcementRounds.start(reader, issuer, notesVerifier(settings, issuerSettings, issuer),
                    verifierCount, out)) {
                out.printf("Revoking %d sessions one after the other, each refused by %d verifiers and the issuer ...%n", rules, verifierCount);
                for (int i = 0; i < rules; i++) {
                    rounds.round("s" + i, session -> revoke(rootRules, session), Duration.ZERO,
                            "A revocation was not enforced everywhere within 30 seconds.");
                }
                rounds.print("rule added", out);
                return 0;
            }
        });
    }

    /** A rule that revokes exactly that session, through the rules API. */
    private static void revoke(QueryClient rules, EnforcementRounds.Session session) throws IOException, InterruptedException {
        HttpResponse<String> created = rules.json("POST", "/rules", "{\"Scope\":\"Principal\",\"Target\":\"" + session.arn() + "\"}",
                "revocation");
        if (created.statusCode() != 201 && created.statusCode() != 202) {
            throw new CliException("The rules API refused: " + created.body());
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
