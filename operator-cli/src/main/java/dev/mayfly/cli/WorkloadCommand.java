package dev.mayfly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.agent.WorkloadBootstrap;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ./mayfly workload: the workload management API from a terminal, signed with the caller's credentials (the AWS_*
 * variables, or the dev profile). create and rotate print {"CredentialsUri", "AuthorizationToken"}, the only time the
 * token is shown, and keep it in $MAYFLY_HOME/workloads/NAME.json (owner-only) for ./mayfly agent and
 * ./mayfly credential-process on this machine. A workload created with an OIDC identity (--oidc-provider-arn,
 * --namespace, --service-account) has no token: create prints its {"CredentialsUri"} and the pod's settings.
 */
public final class WorkloadCommand {

    static final String USAGE = """
            Usage: ./mayfly workload create NAME --role-arn ARN [--session-name NAME] [--duration-seconds 3600]
                                              [--allowed-cidr CIDR]...
                                              [--oidc-provider-arn ARN --namespace NS --service-account SA]
                                              (keyless: the pod's projected service-account token proves it)
                   ./mayfly workload list
                   ./mayfly workload get NAME
                   ./mayfly workload rotate NAME      a new token; the old one stops working at once
                   ./mayfly workload revoke NAME      no token until the next rotate
                   ./mayfly workload delete NAME
            The role's trust policy must allow {"Service": "workloads.mayfly"} the action sts:AssumeRole.""";
    private static final Set<String> CREATE_OPTIONS = Set.of("--role-arn", "--session-name", "--duration-seconds", "--allowed-cidr",
            "--oidc-provider-arn", "--namespace", "--service-account");
    private static final List<String> OIDC_OPTIONS = List.of("--oidc-provider-arn", "--namespace", "--service-account");

    private WorkloadCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        String url = settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port());
        QueryClient client = new QueryClient(URI.create(url), CliCredentials.resolve(settings), TlsTrust.from(settings));
        if (args.length >= 2 && args[0].equals("create")) {
            ObjectNode request = createRequest(args);
            if (request == null) {
                err.println(USAGE);
                return 2;
            }
            String answer = call(client, url, "POST", "", request.toString(), 201);
            return request.has("OidcIdentity") ? printKeyless(answer, out, err) : printToken(answer, args[1], settings, out, err);
        }
        if (args.length == 1 && args[0].equals("list")) {
            out.println(call(client, url, "GET", "", null, 200));
            return 0;
        }
        if (args.length == 2) {
            String path = "/" + args[1];
            switch (args[0]) {
                case "get" -> out.println(call(client, url, "GET", path, null, 200));
                case "rotate" -> {
                    return printToken(call(client, url, "POST", path + "/token", null, 200), args[1], settings, out, err);
                }
                case "revoke" -> {
                    call(client, url, "DELETE", path + "/token", null, 204);
                    out.println("Revoked the token of workload " + args[1] + ": it gets no credentials until ./mayfly workload rotate.");
                }
                case "delete" -> {
                    call(client, url, "DELETE", path, null, 204);
                    out.println("Deleted workload " + args[1] + ".");
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        }
        err.println(USAGE);
        return 2;
    }

    /** The body of a registration; null when the options do not make one. */
    private static ObjectNode createRequest(String[] args) {
        ObjectNode request = Json.mapper().createObjectNode().put("Name", args[1]);
        Map<String, String> options = new LinkedHashMap<>();
        var cidrs = request.putArray("AllowedSourceCidrs");
        for (int i = 2; i < args.length; i += 2) {
            if (!CREATE_OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                return null;
            }
            if (args[i].equals("--allowed-cidr")) {
                cidrs.add(args[i + 1]);
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        if (!options.containsKey("--role-arn")) {
            return null;
        }
        request.put("RoleArn", options.get("--role-arn"));
        if (options.containsKey("--session-name")) {
            request.put("RoleSessionName", options.get("--session-name"));
        }
        long oidcOptions = OIDC_OPTIONS.stream().filter(options::containsKey).count();
        if (oidcOptions == OIDC_OPTIONS.size()) {
            request.putObject("OidcIdentity").put("ProviderArn", options.get("--oidc-provider-arn"))
                    .put("Namespace", options.get("--namespace")).put("ServiceAccount", options.get("--service-account"));
        } else if (oidcOptions > 0) {
            throw new CliException("--oidc-provider-arn, --namespace and --service-account go together: the OpenID Connect provider "
                    + "of your account and the Kubernetes service account whose tokens prove the workload.");
        }
        if (options.containsKey("--duration-seconds")) {
            try {
                request.put("DurationSeconds", Integer.parseInt(options.get("--duration-seconds")));
            } catch (NumberFormatException e) {
                throw new CliException("--duration-seconds is a number of seconds, from 900 to 43200.");
            }
        }
        return request;
    }

    /** Prints {"CredentialsUri"} of a workload without a token, and what its pods set for the AWS SDKs to use it. */
    private static int printKeyless(String answer, PrintStream out, PrintStream err) {
        try {
            String uri = Json.mapper().readTree(answer).path("CredentialsUri").asText();
            out.println(Json.mapper().writeValueAsString(Map.of("CredentialsUri", uri)));
            err.println("No token: the pod's projected service-account token proves the workload. In the pod spec, set");
            err.println("  AWS_CONTAINER_CREDENTIALS_FULL_URI=" + uri);
            err.println("  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=<the path of a projected serviceAccountToken volume>");
            return 0;
        } catch (IOException e) {
            throw new CliException("The issuer answered something else than a workload: " + e.getMessage());
        }
    }

    /** Prints {"CredentialsUri", "AuthorizationToken"} and keeps it for this machine's agent and credential-process. */
    private static int printToken(String answer, String name, Settings settings, PrintStream out, PrintStream err) {
        try {
            JsonNode json = Json.mapper().readTree(answer);
            Map<String, String> bootstrap = new LinkedHashMap<>();
            bootstrap.put("CredentialsUri", json.path("CredentialsUri").asText());
            bootstrap.put("AuthorizationToken", json.path("AuthorizationToken").asText());
            String text = Json.mapper().writeValueAsString(bootstrap);
            Path kept = WorkloadBootstrap.save(settings, json.path("Workload").path("Name").asText(name), text);
            out.println(text);
            err.println("The token is shown this once; kept for ./mayfly agent and credential-process in " + kept + ".");
            err.println("For the AWS CLI and SDKs on this machine, add to ~/.aws/config:");
            err.println("[profile " + name + "]");
            err.println("credential_process = " + CredentialProcessLine.of(settings, kept));
            return 0;
        } catch (IOException e) {
            throw new CliException("The issuer answered something else than a workload: " + e.getMessage());
        }
    }

    private static String call(QueryClient client, String url, String method, String path, String body, int expected) {
        try {
            HttpResponse<String> response = client.json(method, "/mayfly/workloads" + path, body, "workloads");
            if (response.statusCode() != expected) {
                throw new CliException("The issuer refused (" + response.statusCode() + "): " + response.body());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + url + ": start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the issuer at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
