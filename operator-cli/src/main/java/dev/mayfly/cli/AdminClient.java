package dev.mayfly.cli;

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

/**
 * The operator's calls to the running issuer's admin endpoints, on its management listener ({@link ManagementUrls}),
 * with the admin token from $MAYFLY_HOME.
 */
public final class AdminClient {

    private final String managementUrl;
    private final Path tokenFile;
    private final TlsTrust trust;

    public AdminClient(Settings settings) {
        this.managementUrl = ManagementUrls.issuer(settings).toString();
        this.tokenFile = IssuerSettings.from(settings).adminTokenFile();
        this.trust = TlsTrust.from(settings);
    }

    /** POSTs JSON to an admin path and answers the response body; any refusal becomes one clear sentence. */
    public String post(String path, String json) {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException("No admin token at " + tokenFile + ": has ./mayfly dev run with this MAYFLY_HOME?");
        }
        try {
            HttpResponse<String> response = trust.httpClient().build().send(HttpRequest.newBuilder(URI.create(managementUrl + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("The issuer refused: " + response.body());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + managementUrl + " (the issuer's management port,"
                    + " MAYFLY_ISSUER_MANAGEMENT_URL): start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("Could not reach the issuer's management port at " + managementUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }
}
