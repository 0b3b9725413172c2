package dev.mayfly.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.integrity.DigestSigner;
import dev.mayfly.audit.integrity.DigestValidation;
import dev.mayfly.audit.integrity.Pem;
import dev.mayfly.audit.integrity.ValidationReport;
import dev.mayfly.audit.protocol.JsonProtocolEndpoint;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ./mayfly audit: checks an account's audit trail against its signed digests, as {@code aws cloudtrail validate-logs}
 * does, exports the public key that signs them, and rebuilds the records ({@link AuditRebuildCommand}). The checking happens here, not in the service: with a public key
 * saved beforehand (--public-key), a service that lies about its records or digests is caught.
 */
public final class AuditCommand {

    static final String USAGE = """
            Usage: ./mayfly audit validate --from ISO-8601 --to ISO-8601 [--account ACCOUNT_ID] [--public-key FILE]
                   ./mayfly audit public-key
                   ./mayfly audit rebuild [--from topic|event-store]
            validate reports every record modified, deleted or inserted after the fact, and every break in the chain of
            digests, for the account of the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the dev profile).
            With --public-key (a PEM file from ./mayfly audit public-key, kept by the auditor), the service's own key is
            not trusted. Exit status: 0 when the trail is intact, 1 when it is not.""";
    private static final String SERVICE = "cloudtrail";
    /** Beyond the digester's settle time (a minute by default), how late a digest may be before its absence counts. */
    private static final Duration SETTLE_TOLERANCE = Duration.ofMinutes(5);
    private static final Set<String> OPTIONS = Set.of("--from", "--to", "--account", "--public-key");

    private AuditCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        return run(args, settings, out, err, Clock.systemUTC());
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err, Clock clock) {
        String url = settings.string("MAYFLY_AUDIT_URL", "http://127.0.0.1:" + AuditSettings.from(settings).port());
        if (args.length > 0 && args[0].equals("rebuild")) {
            return AuditRebuildCommand.run(Arrays.copyOfRange(args, 1, args.length), settings, out, err);
        }
        if (args.length == 1 && args[0].equals("public-key")) {
            QueryClient client = new QueryClient(URI.create(url), CliCredentials.resolve(settings), TlsTrust.from(settings));
            out.print(Pem.encode(serviceKey(client, url).getValue(), "PUBLIC KEY"));
            return 0;
        }
        Map<String, String> options = args.length > 0 && args[0].equals("validate") ? options(args) : null;
        if (options == null || !options.containsKey("--from") || !options.containsKey("--to")) {
            err.println(USAGE);
            return 2;
        }
        Instant from = time(options.get("--from"), "--from");
        Instant to = time(options.get("--to"), "--to");
        if (from.isAfter(to)) {
            throw new CliException("--from must be before --to.");
        }
        CliCredentials credentials = CliCredentials.resolve(settings);
        QueryClient audit = new QueryClient(URI.create(url), credentials, TlsTrust.from(settings));
        String account = callerAccount(settings, credentials);
        if (options.containsKey("--account") && !options.get("--account").equals(account)) {
            throw new CliException("These credentials are account " + account + "'s, and audit data is read per account: use credentials "
                    + "of account " + options.get("--account") + ".");
        }
        // every key that signed digests from the window's start until now: digests of the window are sealed after it
        Map<String, byte[]> keys = options.containsKey("--public-key") ? Map.ofEntries(keyFile(Path.of(options.get("--public-key"))))
                : serviceKeys(audit, url, from, clock.instant());
        if (!options.containsKey("--public-key")) {
            err.println("Trusting the keys the service reports (" + String.join(", ", keys.keySet())
                    + "); pass --public-key to check against a key you kept.");
        }
        err.println("Reading the digests of account " + account + "...");
        List<JsonNode> digests = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = call(audit, url, "ListDigests", window(from, to, token));
            page.path("Digests").forEach(digests::add);
            token = page.path("NextToken").isTextual() ? page.get("NextToken").asText() : null;
        } while (token != null);
        List<Map<String, Object>> records = records(audit, url, from, to, err);
        int setAside = addSetAside(records, audit, url, from, to);
        ValidationReport report = new DigestValidation(keys, SETTLE_TOLERANCE).validateStored(digests, records, from, to, clock.instant());
        print(report, account, from, to, out);
        if (setAside > 0) {
            out.println("Set aside: " + setAside + " record(s) that Elasticsearch refused are held in the dead-letter store, checked there"
                    + " against their digests, and not searchable.");
        }
        return report.intact() ? 0 : 1;
    }

    private static List<Map<String, Object>> records(QueryClient audit, String url, Instant from, Instant to, PrintStream err) {
        List<Map<String, Object>> records = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = call(audit, url, "ListRecords", window(from, to, token));
            for (JsonNode record : page.path("Records")) {
                records.add(Json.mapper().convertValue(record, new TypeReference<LinkedHashMap<String, Object>>() { }));
            }
            token = page.path("NextToken").isTextual() ? page.get("NextToken").asText() : null;
            err.println("Read " + records.size() + " records...");
        } while (token != null);
        return records;
    }

    /**
     * Adds the account's records of the window that Elasticsearch refused and the dead-letter store holds: the digests list
     * them as they list every record, so they are checked, not reported deleted.
     *
     * @return how many there were
     */
    private static int addSetAside(List<Map<String, Object>> records, QueryClient audit, String url, Instant from, Instant to) {
        JsonNode page = call(audit, url, "ListSetAsideRecords", window(from, to, null));
        if (page.path("Truncated").asBoolean()) {
            throw new CliException("More records of this window are set aside than one answer holds: validate a shorter window.");
        }
        int count = 0;
        for (JsonNode record : page.path("Records")) {
            records.add(Json.mapper().convertValue(record, new TypeReference<LinkedHashMap<String, Object>>() { }));
            count++;
        }
        return count;
    }

    private static void print(ValidationReport report, String account, Instant from, Instant to, PrintStream out) {
        out.println("Account " + account + ", records from " + from + " to " + to);
        out.println("Digests checked: " + report.digests() + (report.digestedUntil() == null ? ""
                : "; every record before " + report.digestedUntil() + " must be in one"));
        out.println("Records checked: " + report.records() + (report.undigested() == 0 ? "" : " (" + report.undigested()
                + " too recent to be in a digest yet)"));
        report.modified().forEach(id -> out.println("MODIFIED  record " + id + ": its content differs from its digest"));
        report.deleted().forEach(id -> out.println("DELETED   record " + id + ": its digest lists it, the trail no longer holds it"));
        report.inserted().forEach(id -> out.println("INSERTED  record " + id + ": no digest lists it"));
        report.chain().forEach(problem -> out.println("CHAIN     " + problem));
        out.println(report.intact() ? "Result: intact." : "Result: NOT intact: " + (report.modified().size() + report.deleted().size()
                + report.inserted().size()) + " record(s) and " + report.chain().size() + " digest problem(s).");
    }

    /** The account of the credentials, as STS GetCallerIdentity answers it. */
    static String callerAccount(Settings settings, CliCredentials credentials) {
        String issuer = settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + dev.mayfly.issuer.IssuerSettings.from(settings).port());
        try {
            HttpResponse<String> response = new QueryClient(URI.create(issuer), credentials, TlsTrust.from(settings)).call("sts", "2011-06-15", "GetCallerIdentity", Map.of());
            if (response.statusCode() != 200) {
                throw new CliException("The issuer refused these credentials: " + response.body());
            }
            return QueryClient.element(response.body(), "Account");
        } catch (IOException e) {
            throw new CliException("Could not reach the issuer at " + issuer + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    /** The key that signs digests now. */
    private static Map.Entry<String, byte[]> serviceKey(QueryClient client, String url) {
        JsonNode key = call(client, url, "ListPublicKeys", "{}").path("PublicKeyList").path(0);
        if (key.isMissingNode()) {
            throw new CliException("The audit service reported no public key.");
        }
        return publicKey(key);
    }

    /** The keys that signed digests from start to end, by fingerprint. */
    private static Map<String, byte[]> serviceKeys(QueryClient client, String url, Instant start, Instant end) {
        String window = Json.mapper().createObjectNode().put("StartTime", start.toString()).put("EndTime", end.toString()).toString();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (JsonNode key : call(client, url, "ListPublicKeys", window).path("PublicKeyList")) {
            Map.Entry<String, byte[]> entry = publicKey(key);
            keys.put(entry.getKey(), entry.getValue());
        }
        if (keys.isEmpty()) {
            throw new CliException("The audit service reported no public key for " + start + " to " + end + ".");
        }
        return keys;
    }

    private static Map.Entry<String, byte[]> publicKey(JsonNode key) {
        try {
            byte[] der = key.path("Value").binaryValue();
            if (der == null) {
                throw new CliException("The audit service reported a public key without its value.");
            }
            return Map.entry(DigestSigner.fingerprint(der), der);
        } catch (IOException e) {
            throw new CliException("The audit service reported an unreadable public key.");
        }
    }

    private static Map.Entry<String, byte[]> keyFile(Path file) {
        try {
            byte[] der = Pem.decode(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY");
            return Map.entry(DigestSigner.fingerprint(der), der);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("Could not read a PEM public key from " + file + ": " + e.getMessage());
        }
    }

    private static String window(Instant from, Instant to, String token) {
        ObjectNode request = Json.mapper().createObjectNode().put("From", from.toString()).put("To", to.toString());
        if (token != null) {
            request.put("NextToken", token);
        }
        return request.toString();
    }

    /** An operation of the audit API (CloudTrail's ListPublicKeys, or Mayfly's), its answer; refused or unreachable: a CliException. */
    static JsonNode call(QueryClient client, String url, String operation, String json) {
        String prefix = operation.equals("ListPublicKeys") ? JsonProtocolEndpoint.CLOUDTRAIL_PREFIX : JsonProtocolEndpoint.MAYFLY_PREFIX;
        try {
            HttpResponse<String> response = client.target(prefix + operation, json, SERVICE);
            if (response.statusCode() != 200) {
                throw new CliException("The audit service refused " + operation + ": " + response.body());
            }
            return Json.mapper().readTree(response.body());
        } catch (ConnectException e) {
            throw new CliException("The audit service is not running at " + url + ": start Mayfly with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the audit service at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static Instant time(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(option + " is an ISO-8601 time, like 2026-12-01T00:00:00Z.");
        }
    }

    /** validate's --name value pairs; null when they do not pair up or a name is unknown. */
    private static Map<String, String> options(String[] args) {
        if (args.length % 2 != 1) {
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                return null;
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
