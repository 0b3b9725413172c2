package dev.mayfly.audit.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.audit.protocol.JsonProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An account's analyses beyond those it may run at once are refused; another account's, and the account's later, are not. */
class AnalysesAtOnceTest {

    @Test
    void runWhenTheAccountHasAsManyRunningAsAllowedThenThrottledWhileAnotherAccountRuns() throws Exception {
        AnalysesAtOnce atOnce = new AnalysesAtOnce();
        CountDownLatch started = new CountDownLatch(AnalysesAtOnce.PER_ACCOUNT);
        CountDownLatch finish = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < AnalysesAtOnce.PER_ACCOUNT; i++) {
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
        AnalysesAtOnce atOnce = new AnalysesAtOnce();
        for (int i = 0; i < AnalysesAtOnce.PER_ACCOUNT + 1; i++) {
            assertThatThrownBy(() -> atOnce.run("111111111111", () -> {
                throw new JsonProtocolException("ValidationException", "bad window");
            })).hasMessage("bad window");
        }
    }
}
