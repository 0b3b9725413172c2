package dev.mayfly.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.cli.AdminClient;
import dev.mayfly.cli.CliCredentials;
import dev.mayfly.cli.CliException;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.load.BenchCommand.Result;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * ./mayfly bench isolation: what one tenant's flood does to another tenant. A bystander account makes AssumeRole calls
 * from one client, first alone, then while the dev account floods AssumeRole from many clients; both runs are measured
 * in one process, one after the other, so the two latencies compare on the same machine. The bystander makes at most
 * {@value #BYSTANDER_RATE} calls a second: warm, one client alone makes more than its account's quota. The flood is refused beyond its
 * account's request rate (MAYFLY_STS_REQUESTS_PER_SECOND); the bystander's account has a rate of its own.
 */
final class IsolationBenchCommand {

    /** The bystander's calls a second: a tenant well within its quota, whose latency is not its own throttling. */
    private static final int BYSTANDER_RATE = 200;

    private IsolationBenchCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int seconds = BenchCommand.option(args, "--seconds", 20);
        int flood = BenchCommand.option(args, "--flood", 16);
        int warmup = BenchCommand.option(args, "--warmup", 5);
        URI issuer = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port()));
        try {
            JsonNode neighbor = Json.mapper().readTree(new AdminClient(settings).post("/mayfly/admin/accounts",
                    "{\"Name\":\"bench-bystander-" + System.currentTimeMillis() + "\"}"));
            CliCredentials bystanderRoot = new CliCredentials(neighbor.path("AccessKeyId").asText(), neighbor.path("SecretAccessKey").asText(), null);
            try (AssumeRoleLoad flooding = AssumeRoleLoad.setUp(issuer, settings, out);
                 AssumeRoleLoad bystander = AssumeRoleLoad.setUp(issuer, bystanderRoot, out)) {
                out.printf("Warming up for %d s; then the bystander (account %s) alone for %d s, then beside a flood from %d clients"
                        + " of the dev account for %d s ...%n", warmup, neighbor.path("AccountId").asText(), seconds, flood, seconds);
                beside(bystander, flooding, flood, warmup);
                Result alone = BenchCommand.load(bystander, 1, seconds, BYSTANDER_RATE);
                Result[] beside = beside(bystander, flooding, flood, seconds);
                print(out, "bystander alone", alone, seconds);
                print(out, "bystander beside the flood", beside[0], seconds);
                print(out, "flood", beside[1], seconds);
                return alone.errors() + beside[0].errors() == 0 ? 0 : 1;
            }
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + issuer + ": start it with ./mayfly dev");
        } catch (IOException | ExecutionException e) {
            throw new CliException("The benchmark failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    /** The bystander from one client and the flood from many, at once; their results in that order. */
    private static Result[] beside(AssumeRoleLoad bystander, AssumeRoleLoad flooding, int flood, int seconds)
            throws InterruptedException, ExecutionException {
        CompletableFuture<Result> floodResult = new CompletableFuture<>();
        Thread floodThread = Thread.ofVirtual().start(() -> {
            try {
                floodResult.complete(BenchCommand.load(flooding, flood, seconds));
            } catch (InterruptedException e) {
                floodResult.completeExceptionally(e);
            }
        });
        Result bystanderResult = BenchCommand.load(bystander, 1, seconds, BYSTANDER_RATE);
        floodThread.join();
        return new Result[] {bystanderResult, floodResult.get()};
    }

    private static void print(PrintStream out, String who, Result result, int seconds) {
        out.printf("%-28s %6.0f AssumeRole/s answered 200, %d not; latency ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n", who,
                result.count() / (double) seconds, result.errors(), result.percentile(50), result.percentile(90),
                result.percentile(99), result.percentile(100));
    }
}
