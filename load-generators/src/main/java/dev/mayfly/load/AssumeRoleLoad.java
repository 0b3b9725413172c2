package dev.mayfly.load;

import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.runtime.Settings;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * What the load harnesses call: a fresh user allowed to assume a fresh role, in the dev account.
 *
 * <p>The calls are signed once a second: SigV4 dates are to the second, so every call of a second is the same bytes,
 * and signing each again took half the load generator's CPU, which the platform under measurement shares. The
 * platform still verifies every call's signature.
 */
public final class AssumeRoleLoad implements AutoCloseable {

    private static final String IAM_VERSION = "2010-05-08";

    private final QueryClient user;
    private final Map<String, String> parameters;
    private final KeepAliveHttp http;
    private volatile SignedInSecond latest = new SignedInSecond(Long.MIN_VALUE, null);

    /**
     * @param user       the user's client, which signs the calls
     * @param parameters AssumeRole's parameters for the role
     * @param http       what sends the calls
     */
    private AssumeRoleLoad(QueryClient user, Map<String, String> parameters, KeepAliveHttp http) {
        this.user = user;
        this.parameters = parameters;
        this.http = http;
    }

    /** Creates the user, its key and the role with the dev account's root credentials. */
    public static AssumeRoleLoad setUp(URI issuer, Settings settings, PrintStream out) throws IOException, InterruptedException {
        return setUp(issuer, CliCredentials.devProfile(settings.home().resolve("credentials")), out);
    }

    /** Creates the user, its key and the role with the root credentials of an account. */
    public static AssumeRoleLoad setUp(URI issuer, CliCredentials root, PrintStream out) throws IOException, InterruptedException {
        return of(issuer, createCaller(issuer, root, out));
    }

    /**
     * Who the load calls as: a user's key, and the role its AssumeRole calls name.
     *
     * @param roleArn a role whose trust policy names the user
     */
    public record Caller(String accessKeyId, String secretAccessKey, String roleArn) {
    }

    /** Creates a user, its key and a role it may assume, with the root credentials of an account, at this issuer. */
    public static Caller createCaller(URI issuer, CliCredentials root, PrintStream out) throws IOException, InterruptedException {
        QueryClient rootClient = new QueryClient(issuer, root.accessKeyId(), root.secretAccessKey());
        String name = "bench-" + System.nanoTime();
        out.println("Setting up user and role " + name + " in the account of root key " + root.accessKeyId() + " ...");
        String accountId = QueryClient.element(BenchCommand.ok(rootClient.call("sts", BenchCommand.STS_VERSION, "GetCallerIdentity", Map.of())),
                "Account");
        BenchCommand.ok(rootClient.call("iam", IAM_VERSION, "CreateUser", Map.of("UserName", name)));
        String keyXml = BenchCommand.ok(rootClient.call("iam", IAM_VERSION, "CreateAccessKey", Map.of("UserName", name)));
        BenchCommand.ok(rootClient.call("iam", IAM_VERSION, "CreateRole", Map.of("RoleName", name, "AssumeRolePolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + accountId + ":user/" + name + "\"},\"Action\":\"sts:AssumeRole\"}]}")));
        return new Caller(QueryClient.element(keyXml, "AccessKeyId"), QueryClient.element(keyXml, "SecretAccessKey"),
                "arn:aws:iam::" + accountId + ":role/" + name);
    }

    /** AssumeRole as the caller, at this issuer. */
    public static AssumeRoleLoad of(URI issuer, Caller caller) {
        return new AssumeRoleLoad(new QueryClient(issuer, caller.accessKeyId(), caller.secretAccessKey()),
                Map.of("RoleArn", caller.roleArn(), "RoleSessionName", "bench"), new KeepAliveHttp(issuer));
    }

    /** One AssumeRole, signed this second. */
    public KeepAliveHttp.Reply assumeRole() throws IOException {
        return http.send(signedThisSecond());
    }

    private SignedRequest signedThisSecond() {
        long second = Instant.now().getEpochSecond();
        SignedInSecond signed = latest;
        if (signed.second() != second) {
            // two threads may both sign at a second's turn: the same bytes, one of them kept
            signed = new SignedInSecond(second, user.signedCall("sts", BenchCommand.STS_VERSION, "AssumeRole", parameters));
            latest = signed;
        }
        return signed.request();
    }

    private record SignedInSecond(long second, SignedRequest request) {
    }

    /** Closes the connections the calls kept open. */
    @Override
    public void close() {
        http.close();
    }
}
