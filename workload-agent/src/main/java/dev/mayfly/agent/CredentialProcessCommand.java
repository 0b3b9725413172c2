package dev.mayfly.agent;

import dev.mayfly.agent.WorkloadCredentials.FetchFailed;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * ./mayfly credential-process --workload NAME: the workload's credentials in the Version 1 JSON that the AWS CLI, boto3
 * and the SDKs read from a profile's credential_process line. They ask again when Expiration comes near.
 */
public final class CredentialProcessCommand {

    static final String USAGE = """
            Usage: ./mayfly credential-process --workload NAME | --token-file FILE
            In ~/.aws/config:  [profile web]
                               credential_process = /path/to/mayfly credential-process --workload web""";

    private CredentialProcessCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out) {
        WorkloadOptions options = WorkloadOptions.parse(args, Set.of("--workload", "--token-file"), Set.of(), USAGE);
        WorkloadBootstrap bootstrap = WorkloadBootstrap.resolve(settings, options.get("--workload"), options.get("--token-file"));
        WorkloadCredentials credentials;
        try {
            credentials = new WorkloadCredentials.Fetcher(bootstrap, TlsTrust.from(settings), Instant::now).get();
        } catch (FetchFailed e) {
            throw new AgentException(e.getMessage());
        }
        Map<String, Object> version1 = new LinkedHashMap<>();
        version1.put("Version", 1);
        version1.put("AccessKeyId", credentials.accessKeyId());
        version1.put("SecretAccessKey", credentials.secretAccessKey());
        version1.put("SessionToken", credentials.sessionToken());
        version1.put("Expiration", credentials.expiration().toString());
        try {
            out.println(Json.mapper().writeValueAsString(version1));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }
}
