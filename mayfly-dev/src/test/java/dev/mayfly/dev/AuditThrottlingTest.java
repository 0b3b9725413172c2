package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.runtime.audit.CallLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * The audit API's request rate per account (MAYFLY_AUDIT_REQUESTS_PER_SECOND, 20 by default): an account that searches
 * its trail in a loop is answered Throttling beyond its rate, which the SDKs retry until it passes, and another account's
 * searches are answered meanwhile: one tenant cannot take the audit store from the others.
 */
class AuditThrottlingTest {

    private static final int RATE = CallLimits.Limits.DEFAULT.perAccountPerSecond().get("cloudtrail");

    private static CloudTrailClient cloudTrail(NewAccount account, boolean retry) {
        return CloudTrailClient.builder().endpointOverride(Platform.get().auditUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(root(account)))
                .overrideConfiguration(o -> o.retryStrategy(retry ? AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build()
                        : AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Test
    void lookupEventsWhenAnAccountGoesBeyondItsRateThenThrottlingForItAndAnswersForAnother() throws Exception {
        NewAccount flooding = Platform.get().issuer.accounts().create("audit-flooding");
        NewAccount bystander = Platform.get().issuer.accounts().create("audit-bystander");
        long throttledBefore = throttledLookups();
        CloudTrailClient flood = cloudTrail(flooding, false);

        // at once, so that they come faster than the rate refills however slow this machine answers one
        List<Future<Optional<AwsServiceException>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4 * RATE; i++) {
                answers.add(clients.submit(() -> {
                    try {
                        flood.lookupEvents(r -> r.maxResults(1));
                        return Optional.<AwsServiceException>empty();
                    } catch (AwsServiceException e) {
                        return Optional.of(e);
                    }
                }));
            }
        }
        int throttled = 0;
        for (Future<Optional<AwsServiceException>> answer : answers) {
            if (answer.get().isPresent()) {
                AwsServiceException e = answer.get().get();
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).as("the SDK knows it for throttling, and retries it").isTrue();
                // beyond the rate: Throttling; within it, beyond the lookups an account runs at once: ThrottlingException
                if (e.awsErrorDetails().errorCode().equals("Throttling")) {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    throttled++;
                } else {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                }
            }
        }

        assertThat(throttled).as("beyond the rate, of %d calls at once", 4 * RATE).isPositive();
        assertThat(cloudTrail(bystander, false).lookupEvents(r -> r.maxResults(1)).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(cloudTrail(flooding, true).lookupEvents(r -> r.maxResults(1)).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(throttledLookups() - throttledBefore).isEqualTo(throttled);
    }

    /** LookupEvents answered Throttling since the audit service started, from its metrics. */
    private static long throttledLookups() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Platform.get().audit.managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher count = Pattern.compile("mayfly_api_requests_seconds_count\\{action=\"LookupEvents\",outcome=\"Throttling\"[^}]*} (\\S+)")
                .matcher(metrics);
        return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
    }
}
