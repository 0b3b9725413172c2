package dev.mayfly.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.RefusalWithEffects;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.audit.CallLimits.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audited-call frame on a real HTTP server: every outcome recorded before it is answered, a 503 when the record
 * cannot be made, no stack trace ever, and refusals no verified principal stands behind limited per source.
 */
class AuditedEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final UserIdentity ALICE = new UserIdentity("IAMUser", "AIDA1", "arn:aws:iam::000000000001:user/alice",
            "000000000001", "AKIA1", "alice", null);
    private static final UserIdentity BOB = new UserIdentity("IAMUser", "AIDA2", "arn:aws:iam::000000000002:user/bob",
            "000000000002", "AKIA2", "bob", null);
    private static final int BURST = 5;
    private static final int ACCOUNT_RATE = 3;

    private final RecordingRecorder recorder = new RecordingRecorder();
    private final AtomicInteger effectsMade = new AtomicInteger();
    private ServiceMetrics metrics;
    private CallLimits limits;
    private HttpService service;

    /** GET /?as=alice|nobody&fail=code|boom|alike|effects|lost-effects|no answers as told: who called, verified or not, and how it ended. */
    private final class Probe extends AuditedEndpoint {

        Probe(CallAuditing auditing) {
            super("probe.mayfly", 1024, auditing);
        }

        @Override
        protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            call.eventName = "Probe";
            call.parameters = Map.of("query", query);
            if (query.contains("as=alice")) {
                call.verified(ALICE);
                throttle(call, "probe");
            } else if (query.contains("as=bob")) {
                call.verified(BOB);
                throttle(call, "probe");
            } else if (query.contains("as=claimed")) {
                call.identity = ALICE;
            }
            if (query.contains("fail=code")) {
                throw new AwsServiceException("AccessDenied", "No.", 403);
            }
            if (query.contains("fail=alike")) {
                throw new RefusalWithEffects(AwsServiceException.accessDenied("No.").because("the real reason"), () -> Map.of("counted", true));
            }
            if (query.contains("fail=effects")) {
                throw new RefusalWithEffects(new AwsServiceException("AccessDenied", "No.", 403), () -> {
                    effectsMade.incrementAndGet();
                    return Map.of("counted", true);
                });
            }
            if (query.contains("fail=lost-effects")) {
                throw new RefusalWithEffects(new AwsServiceException("AccessDenied", "No.", 403), () -> {
                    throw new IllegalStateException("another writer changed the same stream");
                });
            }
            if (query.contains("fail=assert")) {
                throw new AssertionError("a library's assertion, under -ea");
            }
            if (query.contains("fail=boom")) {
                throw new IllegalStateException("internal detail that must not leak");
            }
            return new Outcome(200, Map.of("ok", true), Map.of("answered", true), List.of());
        }
    }

    @BeforeEach
    void start() throws Exception {
        startWith(Duration.ZERO);
    }

    private void startWith(Duration throttledAnswerHold) throws Exception {
        metrics = new ServiceMetrics("test");
        limits = new CallLimits(new Limits(1, BURST, Map.of("probe", ACCOUNT_RATE), throttledAnswerHold), "probe.mayfly", recorder,
                Clock.systemUTC());
        service = new HttpService("test", "127.0.0.1", 0, () -> true, metrics)
                .route("/", new Probe(new CallAuditing(recorder, limits, metrics, Clock.systemUTC()))).start();
    }

    @AfterEach
    void stop() {
        service.close();
        limits.close();
        metrics.close();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(request(query), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/?" + query)).build();
    }

    @Test
    void handleWhenAcceptedOrRefusedThenEachRecordedOnceWithItsRequestId() throws Exception {
        HttpResponse<String> accepted = get("as=alice");
        HttpResponse<String> refused = get("as=alice&fail=code");

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"__type\":\"AccessDenied\"");
        assertThat(recorder.records).extracting(ApiCallRecorded::requestId).containsExactly(
                accepted.headers().firstValue("x-amzn-RequestId").orElseThrow(), refused.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(recorder.records.getFirst().recipientAccountId()).isEqualTo("000000000001");
        assertThat(recorder.records.get(1).errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void handleWhenARefusalHasEffectsThenMadeWithItsRecordWhichNotesWhatTheyReturnAndTheAnswerIsTheRefusal() throws Exception {
        HttpResponse<String> refused = get("as=alice&fail=effects");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"__type\":\"AccessDenied\"").doesNotContain("counted");
        assertThat(effectsMade).hasValue(1);
        assertThat(recorder.records).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo("AccessDenied");
            assertThat(r.additionalEventData()).containsEntry("counted", true);
        });
    }

    @Test
    void handleWhenARefusalSaysItsReasonForTheRecordThenOnlyTheRecordHoldsItBesideWhatItsEffectsReturn() throws Exception {
        HttpResponse<String> refused = get("as=alice&fail=alike");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"message\":\"No.\"").doesNotContain("the real reason");
        assertThat(recorder.records).singleElement().satisfies(r -> {
            assertThat(r.errorMessage()).isEqualTo("No.");
            assertThat(r.additionalEventData()).containsEntry("refusalReason", "the real reason").containsEntry("counted", true);
        });
    }

    @Test
    void handleWhenARefusalsEffectsCannotBeStoredThenTheRefusalIsRecordedWithoutThemAndAnsweredAsItself() throws Exception {
        HttpResponse<String> refused = get("as=alice&fail=lost-effects");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"__type\":\"AccessDenied\"");
        assertThat(recorder.records).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo("AccessDenied");
            assertThat(r.additionalEventData()).isNull();
        });
    }

    @Test
    void handleWhenTheRecordCannotBeMadeThen503AndNoAnswerOfTheWork() throws Exception {
        recorder.away = true;

        HttpResponse<String> response = get("as=alice");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("ServiceUnavailable").doesNotContain("\"ok\"");
    }

    @Test
    void handleWhenAnUnexpectedFailureThen500WithoutItsDetailAndRecorded() throws Exception {
        HttpResponse<String> response = get("as=alice&fail=boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("InternalFailure").doesNotContain("internal detail").doesNotContain("Exception");
        assertThat(recorder.records).singleElement().satisfies(r -> assertThat(r.errorCode()).isEqualTo("InternalFailure"));
    }

    @Test
    void handleWhenTheWorkEndsWithAFailedAssertionThen500WithoutItsDetailAndRecorded() throws Exception {
        HttpResponse<String> response = get("as=alice&fail=assert");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("InternalFailure").doesNotContain("assertion");
        assertThat(recorder.records).singleElement().satisfies(r -> assertThat(r.errorCode()).isEqualTo("InternalFailure"));
    }

    @Test
    void handleWhenUnauthenticatedRefusalsFloodFromOneSourceThenBeyondItsShareThrottledAndNotRecordedOneByOne() throws Exception {
        int throttled = 0;
        for (int i = 0; i < BURST + 20; i++) {
            HttpResponse<String> response = get("as=claimed&fail=code");
            if (response.statusCode() == 400) {
                assertThat(response.body()).contains("\"__type\":\"Throttling\"").contains("Rate exceeded");
                throttled++;
            }
        }

        assertThat(throttled).isGreaterThanOrEqualTo(10);
        assertThat(recorder.records).hasSizeLessThanOrEqualTo(BURST + 25 - throttled);
        assertThat(get("as=alice").statusCode()).as("a verified caller from the same source").isEqualTo(200);
    }

    @Test
    void handleWhenAnAccountGoesBeyondItsRateThenThrottlingAndItsCallsBeyondSummarizedInItsTrail() throws Exception {
        int throttled = 0;
        for (int i = 0; i < ACCOUNT_RATE + 10; i++) {
            HttpResponse<String> response = get("as=alice");
            if (response.statusCode() == 400) {
                assertThat(response.body()).contains("\"__type\":\"Throttling\"").contains("Rate exceeded");
                throttled++;
            }
        }
        int recorded = recorder.records.size();

        limits.close();

        assertThat(throttled).isGreaterThanOrEqualTo(5);
        assertThat(recorded).isEqualTo(ACCOUNT_RATE + 10 - throttled);
        ApiCallRecorded summary = recorder.records.getLast();
        assertThat(summary.eventName()).isEqualTo(CallLimits.THROTTLED_SUMMARY);
        assertThat(summary.recipientAccountId()).isEqualTo("000000000001");
        assertThat(((Number) summary.additionalEventData().get("summarizedCalls")).intValue()).isEqualTo(throttled);
    }

    @Test
    void handleWhenThrottledThenTheAnswerIsHeldWhileOtherAccountsAreAnswered() throws Exception {
        stop();
        Duration hold = Duration.ofMillis(1500);
        startWith(hold);
        for (int i = 0; i < ACCOUNT_RATE; i++) {
            assertThat(get("as=alice").statusCode()).isEqualTo(200);
        }

        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(request("as=alice"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherAccount = get("as=bob");

        assertThat(otherAccount.statusCode()).isEqualTo(200);
        assertThat(held).as("alice's Throttling still held when bob's call is answered").isNotDone();
        assertThat(held.join().body()).contains("\"__type\":\"Throttling\"");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("not answered before the hold").isGreaterThanOrEqualTo(hold);
    }

    @Test
    void handleWhenUnauthenticatedRefusalsAreSummarizedThenClosingRecordsTheirCount() throws Exception {
        for (int i = 0; i < BURST + 20; i++) {
            get("fail=code");
        }
        int oneByOne = recorder.records.size();

        limits.close();

        ApiCallRecorded summary = recorder.records.getLast();
        assertThat(summary.eventName()).isEqualTo(CallLimits.UNAUTHENTICATED_SUMMARY);
        assertThat(summary.sourceIpAddress()).isEqualTo("127.0.0.1");
        assertThat(((Number) summary.additionalEventData().get("summarizedCalls")).intValue()).isEqualTo(BURST + 20 - oneByOne);
    }
}
