package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageEngineSourceTest {

    /** No tick: in these tests only commits tell a stream that something was stored. */
    private static final Duration NO_TICK = Duration.ofHours(1);
    private static final Duration PACE = Duration.ofMillis(10);

    private final AtomicInteger connectionsTaken = new AtomicInteger();
    private EventStoreDatabase database;
    private BatchingEventStorageEngine engine;
    private CommitSignal commits;
    private ApiCallRecorder recorder;

    @BeforeEach
    void openStore() {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("storage_engine_source"),
                "postgres", "postgres", 4), "storage-engine-source");
        ConnectionProvider connections = AxonConfiguration.connections(database.dataSource());
        ConnectionProvider counted = () -> {
            connectionsTaken.incrementAndGet();
            return connections.getConnection();
        };
        engine = AxonConfiguration.storageEngine(counted, AxonConfiguration.serializer(), new MinimumInterval(PACE));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        commits = new CommitSignal(NO_TICK).attachTo(eventStore);
        recorder = new ApiCallRecorder(eventStore);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    /** Records calls in one unit of work, and returns their event ids. */
    private List<String> record(int calls) {
        List<String> eventIds = new ArrayList<>();
        UnitsOfWork.inTransaction(() -> {
            for (int i = 0; i < calls; i++) {
                String eventId = UUID.randomUUID().toString();
                eventIds.add(eventId);
                recorder.record(ApiCallSamples.getCallerIdentity(eventId));
            }
            return null;
        });
        return eventIds;
    }

    private BlockingStream<TrackedEventMessage<?>> streamFromNow(Duration pace) {
        StorageEngineSource source = new StorageEngineSource(engine, commits, pace);
        return source.openStream(source.createHeadToken());
    }

    private static List<String> take(BlockingStream<TrackedEventMessage<?>> stream, int events) throws InterruptedException {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            assertThat(stream.hasNextAvailable(30, TimeUnit.SECONDS)).as("event %d of %d", i + 1, events).isTrue();
            eventIds.add(stream.nextAvailable().getIdentifier());
        }
        return eventIds;
    }

    @Test
    void nextAvailableWhenEventsAreCommittedAfterItsTokenThenReturnsThemOldestFirst() throws Exception {
        try (var stream = streamFromNow(PACE)) {
            List<String> first = record(2);
            List<String> then = record(1);

            assertThat(take(stream, 3)).containsExactly(first.get(0), first.get(1), then.get(0));
        }
    }

    @Test
    void hasNextAvailableWhenNothingWasCommittedSinceItsLastReadThenAsksNothingOfTheDatabase() {
        try (var stream = streamFromNow(PACE)) {
            assertThat(stream.hasNextAvailable()).as("the first ask reads, and finds nothing").isFalse();
            connectionsTaken.set(0);

            for (int i = 0; i < 100; i++) {
                assertThat(stream.hasNextAvailable()).isFalse();
            }

            assertThat(connectionsTaken).hasValue(0);
        }
    }

    @Test
    void hasNextAvailableWhenACommitComesSoonerThanThePaceThenTheProcessorIsWokenWhenTheReadIsDue() throws Exception {
        Duration pace = Duration.ofSeconds(1);
        try (var stream = streamFromNow(pace)) {
            Semaphore wakeUps = new Semaphore(0);
            stream.setOnAvailableCallback(wakeUps::release);
            assertThat(stream.hasNextAvailable()).as("the first ask reads, and finds nothing").isFalse();

            List<String> eventIds = record(1);
            assertThat(wakeUps.tryAcquire()).as("woken by the commit").isTrue();
            assertThat(stream.hasNextAvailable()).as("asked within the pace: not read yet").isFalse();

            assertThat(wakeUps.tryAcquire(30, TimeUnit.SECONDS)).as("woken again when the read is due").isTrue();
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(eventIds.getFirst());
        }
    }

    @Test
    void hasNextAvailableWhenTheLastReadFoundEventsThenReadsOnWithoutACommit() throws Exception {
        int moreThanABatch = engine.batchSize() + 1;
        try (var stream = streamFromNow(PACE)) {
            List<String> eventIds = record(moreThanABatch);

            assertThat(take(stream, moreThanABatch)).as("the first read's and the rest, with no commit since").isEqualTo(eventIds);
        }
    }
}
