package dev.mayfly.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.load.RevocationBenchCommand.NotesReader;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.runtime.Settings;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.verifier.Verifier;
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
 * ./mayfly bench detection: from an offending call to the response enforced everywhere, against a running ./mayfly dev.
 * Turns on FailedAssumeRoleBursts for the dev account with a threshold of one refusal and a Revoke response (the
 * account's settings are put back afterwards), starts verifiers in this process, then, round after round: a fresh
 * session makes an AssumeRole it is refused, and the time is measured until every verifier and the issuer refuse that
 * session. The path measured is the whole loop: the call's event on mayfly.events, the detection, the finding stored,
 * the response on mayfly.detections, the rule made by the revocation service and its publication to every follower.
 */
final class DetectionBenchCommand {

    private static final String STS_VERSION = "2011-06-15";
    private static final String TARGET = "MayflyAudit_20261201.";

    private DetectionBenchCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int rounds = BenchCommand.option(args, "--rounds", 50);
        int verifierCount = BenchCommand.option(args, "--verifiers", 3);
        IssuerSettings issuerSettings = IssuerSettings.from(settings);
        URI issuer = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + issuerSettings.port()));
        URI audit = URI.create(settings.string("MAYFLY_AUDIT_URL", "http://127.0.0.1:" + AuditSettings.from(settings).port()));
        CliCredentials root = CliCredentials.devProfile(settings.home().resolve("credentials"));
        List<Verifier> verifiers = new ArrayList<>();
        return BenchFailures.explained(issuer, () -> {
            QueryClient rootIssuer = new QueryClient(issuer, root);
            QueryClient rootAudit = new QueryClient(audit, root);
            NotesReader reader = RevocationBenchCommand.notesReader(rootIssuer, "detection-bench-");
            JsonNode previous = ok(rootAudit.target(TARGET + "GetDetectionSettings", "{}", "cloudtrail"));
            ok(rootAudit.target(TARGET + "PutDetectionSettings", """
                    {"Detections":[{"Name":"FailedAssumeRoleBursts","Threshold":1,"WindowSeconds":60,"Response":"Revoke"}]}""", "cloudtrail"));
            try {
                out.printf("Starting %d verifiers ...%n", verifierCount);
                for (int i = 0; i < verifierCount; i++) {
                    verifiers.add(Verifier.start(RevocationBenchCommand.notesVerifier(settings, issuerSettings, issuer), Clock.systemUTC()));
                }
                out.printf("%d rounds: a session refused an AssumeRole, until every verifier (%d) and the issuer refuse it ...%n", rounds,
                        verifierCount);
                List<Double> atVerifiers = new ArrayList<>();
                List<Double> atIssuer = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    measure(reader, "d" + i, verifiers, issuer, atVerifiers, atIssuer);
                }
                out.printf("offending call -> refused at every verifier (%d samples): %s%n", atVerifiers.size(),
                        RevocationBenchCommand.percentiles(atVerifiers));
                out.printf("offending call -> refused at the issuer (%d samples): %s%n", atIssuer.size(),
                        RevocationBenchCommand.percentiles(atIssuer));
                return 0;
            } finally {
                for (Verifier verifier : verifiers) {
                    verifier.close();
                }
                ok(rootAudit.target(TARGET + "PutDetectionSettings", restored(previous), "cloudtrail"));
            }
        });
    }

    private static void measure(NotesReader reader, String sessionName, List<Verifier> verifiers, URI issuer, List<Double> atVerifiers,
                                List<Double> atIssuer) throws IOException, InterruptedException {
        String xml = BenchCommand.ok(reader.user().call("sts", STS_VERSION, "AssumeRole", Map.of("RoleArn", reader.roleArn(),
                "RoleSessionName", sessionName)));
        CliCredentials session = new CliCredentials(QueryClient.element(xml, "AccessKeyId"), QueryClient.element(xml, "SecretAccessKey"),
                QueryClient.element(xml, "SessionToken"));
        SignedRequest request = new SignedRequest("GET", "/notes/bench", "", new RequestHeaders().add("Host", "127.0.0.1:1"), new byte[0]);
        Resource note = new Resource("arn:aws:notes:::note/bench", Resource.accountOf(reader.roleArn()), null);
        SigV4Signer.sign(request, session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), "us-east-1", "notes", Instant.now());
        for (Verifier verifier : verifiers) {
            RevocationBenchCommand.awaitVerdict(verifier, request, note, true);
        }
        QueryClient sessionClient = new QueryClient(issuer, session);
        long start = System.nanoTime();
        HttpResponse<String> offending = sessionClient.call("sts", STS_VERSION, "AssumeRole", Map.of("RoleArn",
                reader.roleArn() + "-forbidden", "RoleSessionName", "probe"));
        if (offending.statusCode() != 403) {
            throw new CliException("The offending AssumeRole was not refused: " + offending.statusCode());
        }
        boolean[] refused = new boolean[verifiers.size()];
        int remaining = verifiers.size();
        boolean issuerRefused = false;
        long verifiersDone = 0;
        while (remaining > 0 || !issuerRefused) {
            for (int k = 0; k < verifiers.size(); k++) {
                if (!refused[k] && !RevocationBenchCommand.verdict(verifiers.get(k), request, note)) {
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
                throw new CliException("A detection's response was not enforced everywhere within 30 seconds: are the audit and "
                        + "revocation services running?");
            }
            Thread.sleep(2);
        }
        atVerifiers.add((verifiersDone - start) / 1e6);
    }

    /** The request that puts the account's settings back as they were (the webhook keeps its secret). */
    private static String restored(JsonNode previous) throws IOException {
        ObjectNode request = Json.mapper().createObjectNode();
        ArrayNode detections = request.putArray("Detections");
        for (JsonNode detection : previous.path("Detections")) {
            if (detection.path("Enabled").asBoolean()) {
                ObjectNode entry = detection.deepCopy();
                entry.remove("Description");
                detections.add(entry);
            }
        }
        if (previous.path("Webhook").isObject()) {
            request.putObject("Webhook").put("Url", previous.path("Webhook").path("Url").asText());
        }
        return Json.mapper().writeValueAsString(request);
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new CliException("The audit API refused: " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }
}
