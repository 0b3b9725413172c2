package dev.mayfly.issuer;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * How long a change committed through one issuer takes to be enforced by another on the same database: an access key
 * deactivated through the first, then reactivated, each time timed until a second issuer refuses (then accepts) a
 * request the key signed. Two issuers in one JVM, each with its own connection pool and read model: they share nothing
 * but the database, as issuer processes do. A command, not a test: run it as docs/benchmarks.md says.
 *
 * <p>Argument: the number of changes (default 200).
 */
public final class ConsistencyLagBenchmark {

    private ConsistencyLagBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        URI writer = URI.create("http://127.0.0.1:" + IssuerFixture.issuer().port());
        URI reader = URI.create("http://127.0.0.1:" + IssuerFixture.secondIssuer().port());
        NewAccount account = IssuerFixture.newAccount("consistency-lag");
        IamClient iam = IamClient.builder().endpointOverride(writer).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(IssuerFixture.root(account))).build();
        iam.createUser(r -> r.userName("lag"));
        AccessKey key = iam.createAccessKey(r -> r.userName("lag")).accessKey();
        StsClient sts = StsClient.builder().endpointOverride(reader).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .build();
        awaitAccepted(sts, true);
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            sts.getCallerIdentity();
        }
        List<Long> lagsMicros = new ArrayList<>();
        for (int change = 0; change < changes; change++) {
            boolean active = change % 2 == 1;
            iam.updateAccessKey(r -> r.userName("lag").accessKeyId(key.accessKeyId()).status(active ? StatusType.ACTIVE : StatusType.INACTIVE));
            long committed = System.nanoTime();
            awaitAccepted(sts, active);
            lagsMicros.add((System.nanoTime() - committed) / 1_000);
        }
        Collections.sort(lagsMicros);
        System.out.printf("%d changes through one issuer, enforced by the other after (ms): p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                changes, percentile(lagsMicros, 50), percentile(lagsMicros, 90), percentile(lagsMicros, 99),
                lagsMicros.getLast() / 1000.0);
        System.exit(0);
    }

    private static void awaitAccepted(StsClient sts, boolean accepted) {
        while (accepts(sts) != accepted) {
            Thread.onSpinWait();
        }
    }

    private static boolean accepts(StsClient sts) {
        try {
            sts.getCallerIdentity();
            return true;
        } catch (StsException e) {
            return false;
        }
    }

    private static double percentile(List<Long> sortedMicros, int percent) {
        return sortedMicros.get(Math.min(sortedMicros.size() - 1, sortedMicros.size() * percent / 100)) / 1000.0;
    }
}
