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
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        int roundCount = BenchCommand.option(args, "--rounds", 50);
        int verifierCount = BenchCommand.option(args, "--verifiers", 3);
        IssuerSettings issuerSettings = IssuerSettings.from(settings);
        URI issuer = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + issuerSettings.port()));
        URI audit = URI.create(settings.string("MAYFLY_AUDIT_URL", "http://127.0.0.1:" + AuditSettings.from(settings).port()));
        CliCredentials root = CliCredentials.devProfile(settings.home().resolve("credentials"));
        return BenchFailures.explained(issuer, () -> {
            QueryClient rootIssuer = new QueryClient(issuer, root);
            QueryClient rootAudit = new QueryClient(audit, root);
            NotesReader reader = RevocationBenchCommand.notesReader(rootIssuer, "detection-bench-");
            JsonNode previous = ok(rootAudit.target(TARGET + "GetDetectionSettings", "{}", "cloudtrail"));
            ok(rootAudit.target(TARGET + "PutDetectionSettings", """
                    {"Detections":[{"Name":"FailedAssumeRoleBursts","Threshold":1,"WindowSeconds":60,"Response":"Revoke"}]}""", "cloudtrail"));
            try (EnforcementRounds rounds = EnforcementRounds.start(reader, issuer,
                    RevocationBenchCommand.notesVerifier(settings, issuerSettings, issuer), verifierCount, out)) {
                out.printf("%d rounds: a session refused an AssumeRole, until every verifier (%d) and the issuer refuse it ...%n", roundCount,
                        verifierCount);
                for (int i = 0; i < roundCount; i++) {
                    rounds.round("d" + i, session -> offend(session, reader), Duration.ofMillis(2),
                            "A detection's response was not enforced everywhere within 30 seconds: are the audit and revocation services running?");
                }
                rounds.print("offending call", out);
                return 0;
            } finally {
                ok(rootAudit.target(TARGET + "PutDetectionSettings", restored(previous), "cloudtrail"));
            }
        });
    }

    /** An AssumeRole of a role the session may not assume: refused, it is what the detection looks for. */
    private static void offend(EnforcementRounds.Session session, NotesReader reader) throws IOException, InterruptedException {
        HttpResponse<String> offending = session.issuer().call("sts", STS_VERSION, "AssumeRole", Map.of("RoleArn",
                reader.roleArn() + "-forbidden", "RoleSessionName", "probe"));
        if (offending.statusCode() != 403) {
            throw new CliException("The offending AssumeRole was not refused: " + offending.statusCode());
        }
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
