package dev.mayfly.revocationfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a refusal says about a feed it cannot trust: an age, or that the feed never proved it holds every rule. */
class FreshnessTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void stalenessWhenTheFeedLastHeardLongAgoThenSaysHowOldTheRulesAre() {
        Freshness freshness = new Freshness(() -> NOW.minusSeconds(90), Duration.ofSeconds(60), true);

        assertThat(freshness.refusesSessions(NOW)).isTrue();
        assertThat(freshness.staleness(NOW)).isEqualTo("the rules are 90 seconds old, more than 60");
    }

    @Test
    void stalenessWhenTheFeedHasNeverProvenItHoldsEveryRuleThenSaysSoRatherThanAnAgeSince1970() {
        // what CompactedTopicFeed answers before it caught up, and while FeedContinuity says its topic lost rules
        Freshness freshness = new Freshness(() -> Instant.EPOCH, Duration.ofSeconds(60), true);

        assertThat(freshness.refusesSessions(NOW)).isTrue();
        assertThat(freshness.staleness(NOW)).contains("has not shown that it holds every rule").doesNotContain("seconds old");
    }

    @Test
    void refusesSessionsWhenStaleButFailingOpenThenNo() {
        assertThat(new Freshness(() -> Instant.EPOCH, Duration.ofSeconds(60), false).refusesSessions(NOW)).isFalse();
    }
}
