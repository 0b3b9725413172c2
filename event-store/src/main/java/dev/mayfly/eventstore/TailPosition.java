package dev.mayfly.eventstore;

import java.util.List;

/**
 * How far an {@link EventStoreTail} has read: the global index of the last row read, and the indexes below it that it
 * passed without a row and still looks at (the gaps of transactions that were open). A snapshot of a read model saved
 * with the position it holds lets a later tail start from there ({@link EventStoreTail#start(javax.sql.DataSource,
 * java.util.function.Consumer, java.util.Optional, CheckpointSchedule, java.util.function.Consumer)}) instead of from the
 * first change.
 */
public record TailPosition(long index, List<Long> gaps) {

    public TailPosition {
        gaps = List.copyOf(gaps);
    }
}
