package dev.mayfly.eventstore;

import java.time.Duration;

/**
 * When an {@link EventStoreTail} hands its position over for a snapshot of the read model it feeds: once that many state
 * changes were applied since the last one, or once the interval has passed if any was. A read model that changed little
 * is not written again, and one that changes a lot is written at most every so many changes.
 *
 * @param changes  state changes applied since the last snapshot that call for one; 0: never
 * @param interval how long a change may wait for a snapshot when fewer than that many came
 */
public record CheckpointSchedule(long changes, Duration interval) {

    public static final CheckpointSchedule NEVER = new CheckpointSchedule(0, Duration.ZERO);

    public boolean enabled() {
        return changes > 0;
    }

    boolean due(long changesSinceLast, Duration sinceLast) {
        return enabled() && changesSinceLast > 0 && (changesSinceLast >= changes || sinceLast.compareTo(interval) >= 0);
    }
}
