package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {

    @Test
    void nextWhenDrawnThenVersionFourOfTheIetfVariant() {
        for (int i = 0; i < 1000; i++) {
            UUID id = RandomUuids.next();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    @Test
    void nextWhenDrawnAcrossManyThreadsAndBlocksThenNoIdTwice() throws InterruptedException {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        int threads = 64;
        int each = 2_000;   // several blocks per stripe
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, threads).forEach(t -> executor.submit(() -> {
                for (int i = 0; i < each; i++) {
                    seen.add(RandomUuids.next());
                }
            }));
        }
        assertThat(seen).hasSize(threads * each);
    }

    @Test
    void nextWhenDrawnThenEveryRandomBitVaries() {
        List<UUID> ids = IntStream.range(0, 2_000).mapToObj(i -> RandomUuids.next()).toList();
        long highOr = 0;
        long highAnd = -1;
        long lowOr = 0;
        long lowAnd = -1;
        for (UUID id : ids) {
            highOr |= id.getMostSignificantBits();
            highAnd &= id.getMostSignificantBits();
            lowOr |= id.getLeastSignificantBits();
            lowAnd &= id.getLeastSignificantBits();
        }
        // every bit but the version's and variant's takes both values over 2,000 ids
        assertThat(highOr ^ highAnd).isEqualTo(~0xF000L);
        assertThat(lowOr ^ lowAnd).isEqualTo(0x3FFF_FFFF_FFFF_FFFFL);
    }
}
