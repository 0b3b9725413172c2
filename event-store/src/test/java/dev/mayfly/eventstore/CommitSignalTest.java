package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

class CommitSignalTest {

    /** A source whose streams never have anything: only the signal can wake their processor. */
    private static final StreamableMessageSource<TrackedEventMessage<?>> EMPTY = new StreamableMessageSource<>() {
        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return false;
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    throw new IllegalStateException("nothing");
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return null;
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return null;
        }
    };

    @Test
    void streamWhenNothingIsCommittedThenItsProcessorIsStillWokenEveryTick() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new CommitSignal().wake(EMPTY).openStream(null);
        CountDownLatch wakeUps = new CountDownLatch(3);

        assertThat(stream.setOnAvailableCallback(wakeUps::countDown)).isTrue();

        assertThat(wakeUps.await(30, TimeUnit.SECONDS)).as("woken three times without a commit").isTrue();
        stream.close();
    }

    @Test
    void closeWhenTheLastStreamClosesThenItsProcessorIsNoLongerWoken() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new CommitSignal().wake(EMPTY).openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        stream.setOnAvailableCallback(() -> {
            wakeUps.incrementAndGet();
            first.countDown();
        });
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();

        stream.close();
        int atClose = wakeUps.get();
        Thread.sleep(5 * CommitSignal.TICK_MILLIS);

        assertThat(wakeUps.get()).as("at most a tick already under way when it closed").isLessThanOrEqualTo(atClose + 1);
    }
}
