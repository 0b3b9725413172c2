package dev.mayfly.cli;

import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ./mayfly revoke: the revocation rules API from a terminal, signed with the caller's credentials (the AWS_* variables,
 * or the dev profile). Adds a rule (every session in the scope issued before the time is refused), lists the account's
 * rules, or lifts one.
 */
public final class RevokeCommand {

    static final String USAGE = """
            Usage: ./mayfly revoke --scope SCOPE --target TARGET [--issued-before ISO-8601] [--reason TEXT]
                   ./mayfly revoke --quarantine-until ISO-8601 --scope Role|Principal --target ARN [--reason TEXT]
                   ./mayfly revoke list
                   ./mayfly revoke lift RULE_ID
            SCOPE is Account, Role, Principal, AccessKey, SourceIdentity or SessionTag (TARGET key=value).
            Without --issued-before, every session issued until now is refused. A quarantine refuses new sessions
            for the role or principal until the time, and leaves live ones alone.""";

    private RevokeCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        String url = settings.string("MAYFLY_REVOCATION_URL", "http://127.0.0.1:" + RevocationSettings.from(settings).port());
        QueryClient client = new QueryClient(URI.create(url), CliCredentials.resolve(settings), TlsTrust.from(settings));
        if (args.length == 1 && args[0].equals("list")) {
            out.println(ok(call(client, url, "GET", "/rules", null), 200));
            return 0;
        }
        if (args.length == 2 && args[0].equals("lift")) {
            if (!args[1].matches("[\\w-]{1,128}")) {
                throw new CliException("A rule id looks like rr-...: see ./mayfly revoke list.");
            }
            ok(call(client, url, "DELETE", "/rules/" + args[1], null), 204);
            out.println("Lifted " + args[1] + ".");
            return 0;
        }
        Map<String, String> options = options(args);
        if (options == null || !options.containsKey("--scope") || !options.containsKey("--target")) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("Scope", options.get("--scope"));
        rule.put("Target", options.get("--target"));
        if (options.containsKey("--quarantine-until")) {
            rule.put("Kind", "Quarantine");
            rule.put("Until", options.get("--quarantine-until"));
        }
        if (options.containsKey("--issued-before")) {
            rule.put("IssuedBefore", options.get("--issued-before"));
        }
        if (options.containsKey("--reason")) {
            rule.put("Reason", options.get("--reason"));
        }
        HttpResponse<String> created = call(client, url, "POST", "/rules", json(rule));
        if (created.statusCode() == 202) {
            err.println("The rule is stored but not yet on the topic issuers read (is Kafka reachable?): ./mayfly revoke list "
                    + "shows its State turn Published.");
            out.println(created.body());
            return 0;
        }
        out.println(ok(created, 201));
        return 0;
    }

    /** --name value pairs; null when they do not pair up or a name is unknown. */
    private static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) {
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!java.util.Set.of("--scope", "--target", "--issued-before", "--reason", "--quarantine-until").contains(args[i])) {
                return null;
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static HttpResponse<String> call(QueryClient client, String url, String method, String path, String body) {
        try {
            return client.json(method, path, body, "revocation");
        } catch (ConnectException e) {
            throw new CliException("The revocation service is not running at " + url + ": start Mayfly with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the revocation service at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static String ok(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new CliException("The revocation service refused: " + response.body());
        }
        return response.body();
    }

    private static String json(Map<String, String> fields) {
        try {
            return dev.mayfly.contract.Json.mapper().writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
