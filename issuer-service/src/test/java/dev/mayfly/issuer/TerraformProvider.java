package dev.mayfly.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An IAM client used as Terraform's AWS provider (terraform-provider-aws, internal/service/iam) uses its own: the same
 * calls in the same order, through the provider's retry helpers for IAM's eventual consistency (RetryWhenNotFound,
 * RetryWhenNewResourceNotFound, RetryWhen on an error code and message, DeleteConflict on delete), and NoSuchEntity taken
 * for done where the provider takes it so. It logs every call with its outcome, so that a replay test states the
 * sequence it replayed, and counts the retries, which against Mayfly (immediately consistent) must be none.
 */
final class TerraformProvider {

    /** How long the provider's helpers retry (its propagationTimeout is two minutes; a test need not wait that long). */
    private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);

    final IamClient iam;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private int retries;

    TerraformProvider(AwsCredentials credentials) {
        this.iam = IamClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new CallLog())).build();
    }

    /** The calls made since the last time they were asked for: "Action", or "Action:ErrorCode" for a refused one. */
    List<String> calls() {
        List<String> made = new ArrayList<>(calls);
        calls.clear();
        return made;
    }

    /** How many times a helper called again because IAM had not caught up. */
    int retries() {
        return retries;
    }

    /** tfresource.RetryWhenNotFound (and RetryWhenNewResourceNotFound for a new resource): again while NoSuchEntity. */
    <T> T retryWhenNotFound(Supplier<T> call) {
        return retryWhen(call, e -> e.awsErrorDetails().errorCode().equals("NoSuchEntity"));
    }

    /** tfresource.RetryWhen on an error code whose message contains a text (null: any message). */
    <T> T retryWhen(Supplier<T> call, String errorCode, String messagePart) {
        return retryWhen(call, e -> e.awsErrorDetails().errorCode().equals(errorCode)
                && (messagePart == null || e.awsErrorDetails().errorMessage().contains(messagePart)));
    }

    /** A delete whose NoSuchEntity means that it is done already (errs.IsA[*NoSuchEntityException] then return). */
    void deleteIgnoringNotFound(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!e.awsErrorDetails().errorCode().equals("NoSuchEntity")) {
                throw e;
            }
        }
    }

    private <T> T retryWhen(Supplier<T> call, Predicate<AwsServiceException> retryable) {
        Instant deadline = Instant.now().plus(PROPAGATION_TIMEOUT);
        while (true) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                if (!retryable.test(e) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                retries++;
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Notes each call's action and, when refused, its error code. */
    private final class CallLog implements ExecutionInterceptor {

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            String code = context.exception() instanceof AwsServiceException e ? e.awsErrorDetails().errorCode() : "ClientError";
            calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + ":" + code);
        }
    }
}
