package dev.mayfly.revocationfeed;

import dev.mayfly.contract.RevocationFeedState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the revocation feed is the one the revocation service published, or an emptied, re-created or rolled-back
 * copy that would otherwise pass for a fresh feed with fewer rules. The service publishes a {@link RevocationFeedState}
 * (an epoch that never goes backwards, and how many rules are in force); the feed is broken while the newest state read
 * is older than one read before, while the topic was re-created (or truncated) and no state at least as new as the last
 * has been read since, or while, caught up, it holds fewer rules than the state says. It mends once the service
 * publishes a state at least as new again (at its start it always does). A feed that never carried a state is trusted as
 * before states existed.
 *
 * <p>The highest epoch read is remembered in memory and, when given a file, there too, so that a process that starts
 * on a re-created topic knows what it should find. Called by the feed's thread only; {@link #broken} from any thread.
 */
public final class FeedContinuity {

    private static final Logger LOG = LoggerFactory.getLogger(FeedContinuity.class);
    private static final long NONE = -1;
    private final IntSupplier rulesHeld;
    private final Optional<Path> memory;
    private final LongAdder breaks = new LongAdder();
    private long highestEpoch;
    /** The newest state read since the start or the topic's re-creation; null when none. */
    private RevocationFeedState current;
    private boolean wentBackwards;
    /** A shortfall of rules seen at one check: only one that lasts to the next is a break (a lift precedes its state). */
    private long shortfallAtEpoch = NONE;
    private boolean shortfall;
    private volatile String problem;

    private FeedContinuity(IntSupplier rulesHeld, Optional<Path> memory) {
        this.rulesHeld = rulesHeld;
        this.memory = memory;
        this.highestEpoch = memory.map(FeedContinuity::read).orElse(NONE);
        // until the feed reads the state it remembers, quietly: reading the topic at start is not a break
        this.problem = highestEpoch == NONE ? null : "it has not yet read the state of epoch " + highestEpoch;
    }

    /** Remembers the highest epoch in memory only: a restarted process trusts whatever it then finds. */
    public static FeedContinuity inMemory(IntSupplier rulesHeld) {
        return new FeedContinuity(rulesHeld, Optional.empty());
    }

    /** Remembers the highest epoch in this file as well (created when missing), so that it outlives the process. */
    public static FeedContinuity remembered(IntSupplier rulesHeld, Path file) {
        return new FeedContinuity(rulesHeld, Optional.of(file));
    }

    /** Why the feed cannot be trusted now, or empty when it can. */
    public Optional<String> broken() {
        return Optional.ofNullable(problem);
    }

    /** How many times the feed was found broken since this process started. */
    public long breaks() {
        return breaks.sum();
    }

    /** A state the revocation service signed was read. */
    void read(RevocationFeedState state) {
        if (state.epoch() < highestEpoch) {
            wentBackwards = true;
        } else {
            wentBackwards = false;
            current = state;
            shortfall = false;
            shortfallAtEpoch = NONE;
            if (state.epoch() > highestEpoch) {
                highestEpoch = state.epoch();
                memory.ifPresent(file -> write(file, highestEpoch));
            }
        }
        judge();
    }

    /** The topic's offsets went backwards: it was re-created or truncated, and is being read again from its start. */
    void rewound() {
        current = null;
        shortfall = false;
        shortfallAtEpoch = NONE;
        judge();
    }

    /** The feed has read everything the broker had: it must hold at least the rules the newest state says. */
    void caughtUp() {
        if (current == null || rulesHeld.getAsInt() >= current.liveRules()) {
            shortfall = false;
            shortfallAtEpoch = NONE;
        } else if (shortfallAtEpoch == current.epoch()) {
            shortfall = true;
        } else {
            shortfallAtEpoch = current.epoch();
        }
        judge();
    }

    private void judge() {
        String now = null;
        if (wentBackwards) {
            now = "its state went backwards: the topic was rolled back or the revocation service's event store was replaced";
        } else if (highestEpoch != NONE && current == null) {
            now = "it holds no state at least as new as epoch " + highestEpoch + ": the topic was emptied or re-created";
        } else if (shortfall) {
            now = "it holds " + rulesHeld.getAsInt() + " rules where the revocation service published " + current.liveRules()
                    + ": the topic lost records";
        }
        String before = problem;
        problem = now;
        if (now != null && before == null) {
            breaks.increment();
            LOG.error("the revocation feed is not trusted, {}; session credentials are refused in fail-closed mode until the"
                    + " revocation service publishes its rules again (restart it)", now);
        } else if (now == null && before != null && breaks.sum() > 0) {
            LOG.info("the revocation feed is trusted again: epoch {}, {} rules", highestEpoch, rulesHeld.getAsInt());
        }
    }

    private static long read(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()) : NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("the revocation feed's remembered epoch cannot be read from " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a revocation feed epoch: delete it to trust the feed as found", e);
        }
    }

    private static void write(Path file, long epoch) {
        try {
            Path written = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(written, Long.toString(epoch), StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the check still holds in memory; only a restart would forget it
            LOG.warn("the revocation feed's epoch could not be remembered in {}: {}", file, e.getMessage());
        }
    }
}
