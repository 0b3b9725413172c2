package dev.mayfly.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a workload needs to get its credentials: its credentials URI and bootstrap token, as ./mayfly workload create
 * printed them. Found, in this order: the file given with --token-file; the environment of the container credentials
 * protocol (AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN or _TOKEN_FILE); the file
 * ./mayfly workload create kept for the workload on this machine ($MAYFLY_HOME/workloads/NAME.json, owner-only).
 */
public record WorkloadBootstrap(URI credentialsUri, String authorizationToken) {

    static Path file(Settings settings, String workload) {
        return settings.home().resolve("workloads").resolve(workload + ".json");
    }

    static WorkloadBootstrap resolve(Settings settings, String workload, String tokenFile) {
        if (tokenFile != null) {
            return read(Path.of(tokenFile));
        }
        String uri = settings.string("AWS_CONTAINER_CREDENTIALS_FULL_URI", "");
        if (!uri.isEmpty()) {
            String token = settings.string("AWS_CONTAINER_AUTHORIZATION_TOKEN", "");
            String tokenPath = settings.string("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "");
            try {
                return new WorkloadBootstrap(URI.create(uri), !tokenPath.isEmpty() ? Files.readString(Path.of(tokenPath)).strip() : token);
            } catch (IOException e) {
                throw new AgentException("Could not read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + tokenPath + ": " + e.getMessage());
            }
        }
        if (workload == null) {
            throw new AgentException("Which workload? Give --workload NAME (registered on this machine with ./mayfly workload create), "
                    + "--token-file FILE, or set AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN.");
        }
        Path file = file(settings, workload);
        if (!Files.exists(file)) {
            throw new AgentException("No token of workload " + workload + " on this machine (" + file + "): register it with ./mayfly "
                    + "workload create, get a new token with ./mayfly workload rotate " + workload + ", or give --token-file FILE.");
        }
        return read(file);
    }

    /** Keeps what ./mayfly workload create or rotate printed, readable by its owner only. */
    public static Path save(Settings settings, String workload, String json) {
        Path file = file(settings, workload);
        try {
            Files.createDirectories(file.getParent());
            PrivateFiles.write(file, json);
            return file;
        } catch (IOException e) {
            throw new AgentException("Could not keep the token in " + file + ": " + e.getMessage());
        }
    }

    private static WorkloadBootstrap read(Path file) {
        try {
            JsonNode json = Json.mapper().readTree(Files.readString(file));
            String uri = json.path("CredentialsUri").asText("");
            String token = json.path("AuthorizationToken").asText("");
            if (uri.isEmpty() || token.isEmpty()) {
                throw new AgentException(file + " does not hold {\"CredentialsUri\", \"AuthorizationToken\"} as ./mayfly workload create prints.");
            }
            return new WorkloadBootstrap(URI.create(uri), token);
        } catch (IOException | IllegalArgumentException e) {
            throw new AgentException("Could not read " + file + ": " + e.getMessage());
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "WorkloadBootstrap[" + credentialsUri + "]";
    }
}
