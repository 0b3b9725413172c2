package dev.mayfly.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * A workload's temporary credentials, as the container credentials endpoint answers them.
 *
 * @param issuedAt when they were fetched, by the fetcher's clock
 */
public record WorkloadCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String roleArn,
                           Instant issuedAt) {

    /** When they should be replaced: once two thirds of their life have passed, at least five minutes before expiry. */
    Instant refreshAt() {
        Duration life = Duration.between(issuedAt, expiration);
        Duration margin = life.dividedBy(3).compareTo(Duration.ofMinutes(5)) > 0 ? life.dividedBy(3) : Duration.ofMinutes(5);
        return expiration.minus(margin);
    }

    String roleName() {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "WorkloadCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }

    /** Asks the credentials endpoint, as the SDKs' container provider does. */
    public static final class Fetcher implements Supplier<WorkloadCredentials> {

        private final HttpClient http;
        private final WorkloadBootstrap bootstrap;
        private final Supplier<Instant> clock;

        /** @param trust what an https:// credentials endpoint's certificate is verified against (MAYFLY_TLS_TRUSTSTORE) */
        public Fetcher(WorkloadBootstrap bootstrap, TlsTrust trust, Supplier<Instant> clock) {
            this.http = trust.httpClient().connectTimeout(Duration.ofSeconds(5)).build();
            this.bootstrap = bootstrap;
            this.clock = clock;
        }

        /** @throws FetchFailed with the endpoint's own message when it refuses, or why it could not be reached */
        @Override
        public WorkloadCredentials get() {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(bootstrap.credentialsUri()).timeout(Duration.ofSeconds(10))
                        .header("Authorization", bootstrap.authorizationToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new FetchFailed("Could not reach the credentials endpoint " + bootstrap.credentialsUri() + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchFailed("Interrupted.");
            }
            JsonNode json;
            try {
                json = Json.mapper().readTree(response.body());
            } catch (IOException e) {
                throw new FetchFailed("The credentials endpoint answered " + response.statusCode() + " with something else than JSON.");
            }
            if (response.statusCode() != 200) {
                throw new FetchFailed("The credentials endpoint refused (" + response.statusCode() + " " + json.path("code").asText()
                        + "): " + json.path("message").asText());
            }
            try {
                return new WorkloadCredentials(json.path("AccessKeyId").asText(), json.path("SecretAccessKey").asText(),
                        json.path("Token").asText(), Instant.parse(json.path("Expiration").asText()), json.path("RoleArn").asText(),
                        clock.get());
            } catch (DateTimeParseException e) {
                throw new FetchFailed("The credentials endpoint answered credentials without a valid Expiration.");
            }
        }
    }

    /** Credentials could not be had; the message says why, in one sentence, without a secret. */
    static final class FetchFailed extends RuntimeException {
        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }
}
