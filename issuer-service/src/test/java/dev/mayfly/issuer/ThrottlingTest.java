package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.audit.CallLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Request rates per account, as AWS throttles them: beyond its rate an account's calls are answered Throttling ("Rate
 * exceeded", 400), which the SDKs retry until it passes, and another account's calls are not slowed by it. An issuer of
 * its own, with a rate of two STS calls a second, so that a test can use it up.
 */
class ThrottlingTest {

    private static final int STS_PER_SECOND = 2;
    private static IssuerService issuer;
    private static URI endpoint;

    @BeforeAll
    static void startAnIssuerWithLowRates() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "throttling-");
        int port = FreePorts.next();
        issuer = IssuerService.start(new IssuerSettings("127.0.0.1", port,
                new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_throttling"), "postgres", "postgres", 4),
                KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"),
                home.resolve("admin-token"), Duration.ofSeconds(30), true)
                .withRequestLimits(new CallLimits.Limits(20, 100, Map.of("sts", STS_PER_SECOND, "iam", 100), CallLimits.Limits.DEFAULT.throttledAnswerHold())), Clock.systemUTC());
        endpoint = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static StsClient sts(NewAccount account, boolean retry) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .overrideConfiguration(o -> o.retryStrategy(retry ? AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build()
                        : AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static long throttledAnswers() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher count = Pattern.compile("mayfly_api_requests_seconds_count\\{action=\"GetCallerIdentity\",outcome=\"Throttling\"[^}]*} (\\S+)")
                .matcher(metrics);
        return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void callWhenTheAccountIsBeyondItsRateThenThrottlingWhichTheSdkRecognizes() {
        NewAccount flooding = issuer.accounts().create("flooding");
        try (StsClient once = sts(flooding, false)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < STS_PER_SECOND * 10; i++) {
                    once.getCallerIdentity();
                }
            }).isInstanceOfSatisfying(SdkServiceException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
                assertThat(e.getMessage()).contains("Rate exceeded");
            });
        }
    }

    @Test
    void callWhenThrottledThenTheSdkRetriesUntilItSucceedsAndAnotherAccountIsNotSlowed() throws Exception {
        NewAccount flooding = issuer.accounts().create("retrying");
        NewAccount bystander = issuer.accounts().create("bystander");
        long throttledBefore = throttledAnswers();

        try (StsClient retrying = sts(flooding, true); StsClient bystanderOnce = sts(bystander, false)) {
            for (int i = 0; i < STS_PER_SECOND * 4; i++) {
                assertThat(retrying.getCallerIdentity().account()).isEqualTo(flooding.accountId());
            }
            assertThat(bystanderOnce.getCallerIdentity().account()).as("answered at the first attempt").isEqualTo(bystander.accountId());
        }

        assertThat(throttledAnswers()).as("calls answered Throttling and retried").isGreaterThan(throttledBefore);
    }
}
