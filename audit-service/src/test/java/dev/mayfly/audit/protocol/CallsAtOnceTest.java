package dev.mayfly.audit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An account's calls beyond those it may run at once are refused; another account's, and the account's later, are not. */
class CallsAtOnceTest {

    private static final int PER_ACCOUNT = 2;

    @Test
    void runWhenTheAccountHasAsManyRunningAsAllowedThenThrottledWhileAnotherAccountRuns() throws Exception {
        CallsAtOnce atOnce = new CallsAtOnce(PER_ACCOUNT, "analyses");
        CountDownLatch started = new CountDownLatch(PER_ACCOUNT);
        CountDownLatch finish = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < PER_ACCOUNT; i++) {
                running.add(threads.submit(() -> atOnce.run("111111111111", () -> {
                    started.countDown();
                    return awaited(finish) ? "done" : "not released";
                })));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> atOnce.run("111111111111", () -> "one too many"))
                    .isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                        assertThat(refused.code()).isEqualTo("ThrottlingException");
                        assertThat(refused.httpStatus()).isEqualTo(400);
                    });
            assertThat(atOnce.run("222222222222", () -> "another tenant")).isEqualTo("another tenant");

            finish.countDown();
            for (Future<String> analysis : running) {
                assertThat(analysis.get(30, TimeUnit.SECONDS)).isEqualTo("done");
            }
        }
        assertThat(atOnce.run("111111111111", () -> "later")).isEqualTo("later");
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void runWhenTheAnalysisFailsThenItsPlaceIsFreed() {
        CallsAtOnce atOnce = new CallsAtOnce(PER_ACCOUNT, "analyses");
        for (int i = 0; i < PER_ACCOUNT + 1; i++) {
            assertThatThrownBy(() -> atOnce.run("111111111111", () -> {
                throw new JsonProtocolException("ValidationException", "bad window");
            })).hasMessage("bad window");
        }
    }
}
