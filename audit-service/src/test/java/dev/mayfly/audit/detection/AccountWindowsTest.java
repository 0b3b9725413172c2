package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.detection.AccountWindows.Refusal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the detections remember: windows that expire, records read again counted once, and bounds a tenant cannot pass. */
class AccountWindowsTest {

    private final AccountWindows windows = new AccountWindows();
    private final AccountWindows.Account account = windows.of("111111111111");

    @Test
    void refusedWhenThresholdReachedWithinWindowThenBurstAndTheCountStartsOver() {
        assertThat(account.refused("p", new Refusal(1_000, "e1"), 3, 60_000)).isEmpty();
        assertThat(account.refused("p", new Refusal(2_000, "e2"), 3, 60_000)).isEmpty();

        List<Refusal> burst = account.refused("p", new Refusal(3_000, "e3"), 3, 60_000);

        assertThat(burst).extracting(Refusal::eventId).containsExactly("e1", "e2", "e3");
        assertThat(account.refused("p", new Refusal(4_000, "e4"), 3, 60_000)).isEmpty();
    }

    @Test
    void refusedWhenEarlierRefusalsLeftTheWindowThenNoBurst() {
        account.refused("p", new Refusal(0, "e1"), 3, 60_000);
        account.refused("p", new Refusal(1_000, "e2"), 3, 60_000);

        assertThat(account.refused("p", new Refusal(61_000, "e3"), 3, 60_000)).isEmpty();
        assertThat(account.refused("p", new Refusal(62_000, "e4"), 3, 60_000)).as("e2 is 61 s before e4: out of the window").isEmpty();
    }

    @Test
    void refusedWhenTheSameRecordIsReadAgainThenCountedOnce() {
        account.refused("p", new Refusal(1_000, "e1"), 3, 60_000);
        account.refused("p", new Refusal(1_000, "e1"), 3, 60_000);

        assertThat(account.refused("p", new Refusal(2_000, "e2"), 3, 60_000)).isEmpty();
    }

    @Test
    void refusedWhenOtherPrincipalsThenCountedApart() {
        account.refused("p", new Refusal(1_000, "e1"), 2, 60_000);

        assertThat(account.refused("q", new Refusal(1_500, "e2"), 2, 60_000)).isEmpty();
    }

    @Test
    void windowsWhenATenantMakesUpPrincipalsAddressesAndAccountsThenBounded() {
        IntStream.range(0, AccountWindows.MAX_PRINCIPALS * 3).forEach(i -> account.refused("p" + i, new Refusal(i, "e" + i), 5, 60_000));
        IntStream.range(0, AccountWindows.MAX_PAIRS * 2).forEach(i -> account.firstSight("p", "10.0.0." + i, "e" + i));
        IntStream.range(0, AccountWindows.MAX_ACCOUNTS + 500).forEach(i -> windows.of(String.format("%012d", i)));

        assertThat(account.principalsInWindow()).isEqualTo(AccountWindows.MAX_PRINCIPALS);
        assertThat(account.pairs()).isEqualTo(AccountWindows.MAX_PAIRS);
        assertThat(windows.accounts()).isEqualTo(AccountWindows.MAX_ACCOUNTS);
    }

    @Test
    void firstSightWhenTheSameRecordIsReadAgainThenStillFirstAndAnotherRecordNot() {
        assertThat(account.firstSight("p", "10.0.0.1", "e1")).isTrue();

        assertThat(account.firstSight("p", "10.0.0.1", "e1")).as("the batch read again after a failure").isTrue();
        assertThat(account.firstSight("p", "10.0.0.1", "e2")).isFalse();
        assertThat(account.firstSight("q", "10.0.0.1", "e3")).isTrue();
    }
}
