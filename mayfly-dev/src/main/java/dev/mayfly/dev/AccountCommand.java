package dev.mayfly.dev;

import dev.mayfly.dev.MayflyCli.CliException;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** ./mayfly account create NAME: asks the running issuer's admin endpoint, with the admin token from $MAYFLY_HOME. */
final class AccountCommand {

    private AccountCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("create")) {
            err.println("Usage: ./mayfly account create NAME");
            return 2;
        }
        String name = args[1];
        if (name.isBlank() || name.length() > 64) {
            throw new CliException("An account name is 1 to 64 characters.");
        }
        IssuerSettings issuer = IssuerSettings.from(settings);
        String url = settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + issuer.port());
        String token = adminToken(issuer.adminTokenFile());
        String body = "{\"Name\":" + quote(name) + "}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/mayfly/admin/accounts"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("The issuer refused: " + response.body());
            }
            out.println(response.body());
            return 0;
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + url + ": start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the issuer at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static String adminToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException("No admin token at " + file + ": has ./mayfly dev run with this MAYFLY_HOME?");
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
