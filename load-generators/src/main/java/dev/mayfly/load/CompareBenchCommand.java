package dev.mayfly.load;

import dev.mayfly.cli.CliException;
import dev.mayfly.load.BenchCommand.Result;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * ./mayfly bench compare --against URL: the same AssumeRole load (the same signed request shape, the same clients)
 * against Mayfly and another STS endpoint, in alternating rounds so that both see the same machine at much the same
 * time; prints each round's throughput and latencies for both, and the ratio. The other endpoint is called with the
 * credentials and role given (by default what moto_server, which accepts any key, has in its account 123456789012).
 */
final class CompareBenchCommand {

    /** AWS's documented example key: moto_server takes any key, and this one is never real. */
    static final String DEFAULT_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String DEFAULT_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DEFAULT_ROLE_ARN = "arn:aws:iam::123456789012:role/mayfly-bench";

    private CompareBenchCommand() {
    }

    /** One endpoint under load: its name in the report and what calls it. */
    private record Target(String name, AssumeRoleLoad load) {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        String against = BenchCommand.option(args, "--against", null);
        if (against == null) {
            throw new CliException("Usage: ./mayfly bench compare --against URL [--rounds 3] [--seconds 20] [--concurrency 16] [--warmup 5]");
        }
        int rounds = BenchCommand.option(args, "--rounds", 3);
        int seconds = BenchCommand.option(args, "--seconds", 20);
        int concurrency = BenchCommand.option(args, "--concurrency", 16);
        int warmup = BenchCommand.option(args, "--warmup", 5);
        URI other = URI.create(against);
        AssumeRoleLoad.Caller otherCaller = new AssumeRoleLoad.Caller(BenchCommand.option(args, "--against-access-key", DEFAULT_ACCESS_KEY),
                BenchCommand.option(args, "--against-secret-key", DEFAULT_SECRET_KEY),
                BenchCommand.option(args, "--against-role-arn", DEFAULT_ROLE_ARN));
        URI issuer = BenchCommand.issuerUrl(settings);
        AssumeRoleLoad mayflyLoad = BenchFailures.explained(issuer, () -> AssumeRoleLoad.setUp(issuer, settings, out));
        try (AssumeRoleLoad mayfly = mayflyLoad; AssumeRoleLoad otherLoad = AssumeRoleLoad.of(other, otherCaller)) {
            Target first = new Target("Mayfly " + issuer, mayfly);
            Target second = new Target("other  " + other, otherLoad);
            requireAnswers(second, other);
            out.printf("Warming up each for %d s, then %d rounds of AssumeRole from %d concurrent clients for %d s, each endpoint in turn ...%n",
                    warmup, rounds, concurrency, seconds);
            BenchCommand.load(first.load(), concurrency, warmup);
            BenchCommand.load(second.load(), concurrency, warmup);
            List<Double> ratios = new ArrayList<>();
            long errors = 0;
            for (int round = 1; round <= rounds; round++) {
                // the one that goes first alternates, so that neither always follows the other's load
                boolean mayflyFirst = round % 2 == 1;
                Result a = BenchCommand.load((mayflyFirst ? first : second).load(), concurrency, seconds);
                Result b = BenchCommand.load((mayflyFirst ? second : first).load(), concurrency, seconds);
                Result mayflyResult = mayflyFirst ? a : b;
                Result otherResult = mayflyFirst ? b : a;
                errors += mayflyResult.errors() + otherResult.errors();
                double ratio = mayflyResult.count() / (double) Math.max(1, otherResult.count());
                ratios.add(ratio);
                out.printf("round %d:%n", round);
                print(out, first, mayflyResult, seconds);
                print(out, second, otherResult, seconds);
                out.printf("  ratio (Mayfly / other): %.1f times the throughput%n", ratio);
            }
            out.printf("ratio by round: %s%n", String.join(", ", ratios.stream().map(r -> String.format("%.1f", r)).toList()));
            return errors == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static void print(PrintStream out, Target target, Result result, int seconds) {
        out.printf("  %-40s %7.0f AssumeRole/s, p50 %.2f ms, p99 %.2f ms, errors: %d%n", target.name(), result.count() / (double) seconds,
                result.percentile(50), result.percentile(99), result.errors());
    }

    /** One call before the load: a wrong address or credentials are told at once, not as a round of errors. */
    private static void requireAnswers(Target target, URI endpoint) {
        try {
            KeepAliveHttp.Reply reply = target.load().assumeRole();
            if (reply.status() != 200) {
                throw new CliException("AssumeRole at " + endpoint + " answered " + reply.status() + ": " + reply.body());
            }
        } catch (IOException e) {
            throw new CliException("Nothing answers AssumeRole at " + endpoint + ": " + e.getMessage());
        }
    }
}
