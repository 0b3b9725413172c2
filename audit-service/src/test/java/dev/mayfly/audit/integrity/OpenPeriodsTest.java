package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.integrity.Digest.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenPeriodsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration SETTLE = Duration.ofMinutes(1);
    private final OpenPeriods periods = new OpenPeriods(HOUR);

    private void add(String account, String eventId, Instant time, long offset) {
        periods.add(account, new Entry(eventId, time.toString(), "h-" + eventId), time, 0, offset);
    }

    private Digest sealNext(Instant watermark) {
        Digest digest = periods.nextDue(watermark, SETTLE, "fp", watermark).orElseThrow().withSignature("sig-" + watermark);
        periods.sealed(digest);
        return digest;
    }

    @Test
    void nextDueWhenPeriodNotSettledThenNothing() {
        add("a", "e1", T0.plusSeconds(10), 0);

        assertThat(periods.nextDue(T0.plus(HOUR), SETTLE, "fp", T0.plus(HOUR))).isEmpty();
        assertThat(periods.nextDue(T0.plus(HOUR).plus(SETTLE), SETTLE, "fp", T0.plus(HOUR))).isPresent();
    }

    @Test
    void nextDueWhenAccountIdleThenOneEmptyDigestCoversTheIdlePeriods() {
        add("a", "e1", T0.plusSeconds(10), 0);
        Instant later = T0.plus(HOUR.multipliedBy(3)).plus(SETTLE);

        Digest first = sealNext(later);
        Digest idle = sealNext(later);

        assertThat(first.records()).extracting(Entry::eventID).containsExactly("e1");
        assertThat(idle.records()).isEmpty();
        assertThat(idle.previousDigestSignature()).isEqualTo(first.signature());
        assertThat(idle.periodStart()).isEqualTo(first.periodEnd());
        assertThat(idle.periodEnd()).isEqualTo(T0.plus(HOUR.multipliedBy(3)));
        assertThat(idle.last()).isTrue();
        assertThat(periods.nextDue(later, SETTLE, "fp", later)).isEmpty();
    }

    @Test
    void nextDueWhenIdleForLongThenOneDigestPerAccountNotOnePerPeriod() {
        Digest resumed = new Digest("a", T0.minus(HOUR.multipliedBy(24 * 365)), T0.minus(HOUR.multipliedBy(24 * 365 - 1)), 0, true,
                List.of(), "old-signature", "fp", DigestSigner.ALGORITHM, T0, "sig-old");
        periods.resume(resumed);

        Digest idle = sealNext(T0.plus(SETTLE));

        assertThat(idle.periodStart()).isEqualTo(resumed.periodEnd());
        assertThat(idle.periodEnd()).isEqualTo(T0);
        assertThat(periods.nextDue(T0.plus(SETTLE), SETTLE, "fp", T0)).isEmpty();
    }

    @Test
    void nextDueWhenRecordsWaitAfterAnIdleSpanThenTheSpanStopsAtTheirPeriod() {
        add("a", "e1", T0.plusSeconds(10), 0);
        add("a", "e2", T0.plus(HOUR.multipliedBy(3)).plusSeconds(10), 1);
        Instant later = T0.plus(HOUR.multipliedBy(5)).plus(SETTLE);

        List<Digest> sealed = List.of(sealNext(later), sealNext(later), sealNext(later), sealNext(later));

        assertThat(sealed).extracting(Digest::periodStart).containsExactly(T0, T0.plus(HOUR), T0.plus(HOUR.multipliedBy(3)),
                T0.plus(HOUR.multipliedBy(4)));
        assertThat(sealed.get(1).periodEnd()).isEqualTo(T0.plus(HOUR.multipliedBy(3)));
        assertThat(sealed.get(2).records()).extracting(Entry::eventID).containsExactly("e2");
        assertThat(sealed.get(3).periodEnd()).isEqualTo(T0.plus(HOUR.multipliedBy(5)));
        assertThat(periods.nextDue(later, SETTLE, "fp", later)).isEmpty();
    }

    @Test
    void addWhenPeriodAlreadySealedThenRecordGoesToNextDigest() {
        add("a", "e1", T0.plusSeconds(10), 0);
        sealNext(T0.plus(HOUR).plus(SETTLE));

        assertThat(periods.isLate("a", T0.plusSeconds(20))).isTrue();
        add("a", "late", T0.plusSeconds(20), 1);
        Digest next = sealNext(T0.plus(HOUR.multipliedBy(2)).plus(SETTLE));

        assertThat(next.periodStart()).isEqualTo(T0.plus(HOUR));
        assertThat(next.records()).extracting(Entry::eventID).containsExactly("late");
    }

    @Test
    void addWhenSameEventTwiceThenListedOnce() {
        add("a", "e1", T0.plusSeconds(10), 0);
        add("a", "e1", T0.plusSeconds(10), 5);

        assertThat(sealNext(T0.plus(HOUR).plus(SETTLE)).records()).hasSize(1);
    }

    @Test
    void committableWhenRecordsUnsealedThenOldestUnsealedOffset() {
        add("a", "e1", T0.plusSeconds(10), 7);
        add("b", "e2", T0.plus(HOUR).plusSeconds(10), 9);

        assertThat(periods.committable(0, 12)).isEqualTo(7);
        periods.sealed(periods.nextDue(T0.plus(HOUR).plus(SETTLE), SETTLE, "fp", T0).orElseThrow().withSignature("s"));
        assertThat(periods.committable(0, 12)).isEqualTo(9);
        assertThat(periods.committable(1, 4)).isEqualTo(4);
    }

    @Test
    void resumeWhenDigestStoredThenChainGoesOnFromIt() {
        periods.resume(new Digest("a", T0, T0.plus(HOUR), 0, true, List.of(), null, "fp", DigestSigner.ALGORITHM, T0, "stored-sig"));

        Digest next = sealNext(T0.plus(HOUR.multipliedBy(2)).plus(SETTLE));

        assertThat(next.periodStart()).isEqualTo(T0.plus(HOUR));
        assertThat(next.previousDigestSignature()).isEqualTo("stored-sig");
    }

    @Test
    void nextDueWhenPeriodBusyThenSealedInPartsAsTheyFillAndTheLastAtItsEnd() {
        for (int i = 0; i < Digest.MAX_RECORDS * 2 + 5; i++) {
            add("a", "e" + i, T0.plusMillis(i), i);
        }
        Instant during = T0.plusSeconds(600);

        Digest first = sealNext(during);
        Digest second = sealNext(during);
        assertThat(periods.nextDue(during, SETTLE, "fp", during)).as("the rest waits for the end").isEmpty();
        Digest last = sealNext(T0.plus(HOUR).plus(SETTLE));

        assertThat(first.records()).hasSize(Digest.MAX_RECORDS);
        assertThat(first.part()).isZero();
        assertThat(first.last()).isFalse();
        assertThat(second.part()).isEqualTo(1);
        assertThat(second.follows(first)).isTrue();
        assertThat(last.records()).hasSize(5);
        assertThat(last.last()).isTrue();
        assertThat(last.part()).isEqualTo(2);
        assertThat(last.previousDigestSignature()).isEqualTo(second.signature());
        assertThat(periods.committable(0, Digest.MAX_RECORDS * 3L)).isEqualTo(Digest.MAX_RECORDS * 3L);
    }

    @Test
    void resumeWhenLastStoredDigestIsAPartThenTheSamePeriodGoesOn() {
        periods.resume(new Digest("a", T0, T0.plus(HOUR), 3, false, List.of(), null, "fp", DigestSigner.ALGORITHM, T0, "sig-3"));
        add("a", "e1", T0.plusSeconds(10), 0);

        Digest next = sealNext(T0.plus(HOUR).plus(SETTLE));

        assertThat(next.periodStart()).isEqualTo(T0);
        assertThat(next.part()).isEqualTo(4);
        assertThat(next.last()).isTrue();
        assertThat(next.previousDigestSignature()).isEqualTo("sig-3");
    }
}
