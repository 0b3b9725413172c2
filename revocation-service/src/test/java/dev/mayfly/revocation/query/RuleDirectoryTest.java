package dev.mayfly.revocation.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuleDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static RuleCreated created(String ruleId, String account) {
        return new RuleCreated(new RevocationRule(ruleId, account, RevocationRule.Scope.ACCOUNT, account, NOW, NOW,
                "arn:aws:iam::" + account + ":root", "", NOW.plusSeconds(3600), RevocationRule.Kind.REVOKE));
    }

    @Test
    void requireRoomForAnotherRuleWhenAccountHoldsItsMostThenLimitExceededForItAloneUntilOneIsLifted() {
        RuleDirectory rules = new RuleDirectory(2);
        rules.apply(created("rr-1", "000000000001"));
        rules.apply(created("rr-2", "000000000001"));
        rules.apply(created("rr-2", "000000000001")); // a replayed event counts once

        assertThatThrownBy(() -> rules.requireRoomForAnotherRule("000000000001")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.code()).isEqualTo("LimitExceededException"));
        assertThatCode(() -> rules.requireRoomForAnotherRule("000000000002")).doesNotThrowAnyException();

        rules.apply(new RuleLifted("rr-1", "000000000001", "arn:aws:iam::000000000001:root", NOW));
        rules.apply(new RuleLifted("rr-1", "000000000001", "arn:aws:iam::000000000001:root", NOW));
        assertThatCode(() -> rules.requireRoomForAnotherRule("000000000001")).doesNotThrowAnyException();
        rules.apply(created("rr-3", "000000000001"));
        assertThatThrownBy(() -> rules.requireRoomForAnotherRule("000000000001")).isInstanceOf(AwsServiceException.class);
    }
}
