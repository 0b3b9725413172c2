package dev.mayfly.agent;

import dev.mayfly.agent.WorkloadCredentials.FetchFailed;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * ./mayfly agent --workload NAME: an IMDSv2-compatible metadata endpoint on a local address that serves the workload's
 * credentials, so that SDKs pointed at it (AWS_EC2_METADATA_SERVICE_ENDPOINT) get and refresh them by themselves.
 */
public final class AgentCommand {

    static final String USAGE = """
            Usage: ./mayfly agent --workload NAME | --token-file FILE [--listen 127.0.0.1:7073] [--allow-imdsv1]
            Then, for the application: AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:7073
            IMDSv1 (requests without a session token) is refused unless --allow-imdsv1 is given.""";
    public static final String DEFAULT_LISTEN = "127.0.0.1:7073";
    /** How often the agent checks whether the credentials are due for a refresh. */
    static final Duration REFRESH_CHECK = Duration.ofSeconds(15);

    private AgentCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out) {
        WorkloadOptions options = WorkloadOptions.parse(args, Set.of("--workload", "--token-file", "--listen"), Set.of("--allow-imdsv1"),
                USAGE);
        WorkloadBootstrap bootstrap = WorkloadBootstrap.resolve(settings, options.get("--workload"), options.get("--token-file"));
        InetSocketAddress address = address(options.get("--listen", DEFAULT_LISTEN));
        CredentialsCache cache = new CredentialsCache(new WorkloadCredentials.Fetcher(bootstrap, TlsTrust.from(settings), Instant::now), Instant::now,
                line -> out.println(Instant.now() + " " + line));
        WorkloadCredentials first;
        try {
            first = cache.current();
        } catch (FetchFailed e) {
            throw new AgentException(e.getMessage());
        }
        try (MetadataAgent agent = new MetadataAgent(cache, Instant::now, options.has("--allow-imdsv1"), address).start(REFRESH_CHECK)) {
            out.println("Serving the credentials of role " + first.roleArn() + " the IMDSv2 way at http://" + address.getHostString() + ":"
                    + agent.port());
            out.println("Point applications at it: export AWS_EC2_METADATA_SERVICE_ENDPOINT=http://" + address.getHostString() + ":"
                    + agent.port() + "   (Ctrl-C stops the agent; nothing is written to disk)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        } catch (IOException e) {
            throw new AgentException("Could not listen on " + address + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        try {
            return new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new AgentException("--listen is HOST:PORT, like " + DEFAULT_LISTEN + ".");
        }
    }
}
