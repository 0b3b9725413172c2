package dev.mayfly.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the revocation service says the revocation feed holds: the value of the reserved key {@link #KEY} on
 * {@link Topics#REVOCATIONS}, published (signed) after the start-up republish and after every rule it published since.
 * Issuers and verifiers compare it with what they read, so that an emptied, re-created or rolled-back topic is seen
 * rather than taken for a fresh feed with no rules.
 *
 * @param epoch     never goes backwards while the revocation service's event store lives: the position of the newest
 *                  event the state accounts for
 * @param liveRules how many rules the service has on the topic in force at that epoch
 */
public record RevocationFeedState(long epoch, int liveRules) {

    /** The key of the state record; never a rule id (rule ids start with "rr-"). */
    public static final String KEY = "__feed-state";

    /**
     * Written with the state so that a follower older than the state record, which reads every value as a rule, finds
     * a kind it does not know and skips the record as unreadable rather than indexing an empty rule.
     */
    @JsonProperty("kind")
    public String kind() {
        return "FEED_STATE";
    }
}
