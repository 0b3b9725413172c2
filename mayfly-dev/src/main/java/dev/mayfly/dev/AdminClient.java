package dev.mayfly.dev;

import dev.mayfly.dev.MayflyCli.CliException;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The operator's calls to the running issuer's admin endpoints, with the admin token from $MAYFLY_HOME. */
final class AdminClient {

    private final String issuerUrl;
    private final Path tokenFile;
    private final TlsTrust trust;

    AdminClient(Settings settings) {
        IssuerSettings issuer = IssuerSettings.from(settings);
        this.issuerUrl = settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + issuer.port());
        this.tokenFile = issuer.adminTokenFile();
        this.trust = TlsTrust.from(settings);
    }

    /** POSTs JSON to an admin path and answers the response body; any refusal becomes one clear sentence. */
    String post(String path, String json) {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException("No admin token at " + tokenFile + ": has ./mayfly dev run with this MAYFLY_HOME?");
        }
        try {
            HttpResponse<String> response = trust.httpClient().build().send(HttpRequest.newBuilder(URI.create(issuerUrl + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("The issuer refused: " + response.body());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + issuerUrl + ": start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the issuer at " + issuerUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
