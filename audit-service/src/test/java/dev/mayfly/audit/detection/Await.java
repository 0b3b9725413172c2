package dev.mayfly.audit.detection;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for what the detections' own thread makes true, within a bound far above what it takes. */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
