package dev.mayfly.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.RulePublication.State;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** A new rule is pending until Kafka acknowledges it on the revocations topic. */
class RulePublicationTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static GenericEventMessage<RuleCreated> created(String ruleId) {
        RevocationRule rule = new RevocationRule(ruleId, "111122223333", RevocationRule.Scope.ACCOUNT, "111122223333", NOW, NOW,
                "arn:aws:iam::111122223333:root", "drill", NOW.plus(Duration.ofHours(36)), RevocationRule.Kind.REVOKE);
        return new GenericEventMessage<>(new RuleCreated(rule));
    }

    @Test
    void awaitWhenKafkaAcknowledgedTheRuleThenPublished() {
        RulePublication publication = new RulePublication();
        publication.expect("rr-1");
        publication.acknowledged(created("rr-1"));

        assertThat(publication.await("rr-1", Duration.ofSeconds(5))).isEqualTo(State.PUBLISHED);
        assertThat(publication.state("rr-1")).isEqualTo(State.PUBLISHED);
    }

    @Test
    void awaitWhenNotAcknowledgedWithinTheWaitThenPendingUntilKafkaAcknowledges() {
        RulePublication publication = new RulePublication();
        publication.expect("rr-2");
        publication.acknowledged(created("rr-other"));

        assertThat(publication.await("rr-2", Duration.ofMillis(10))).isEqualTo(State.PENDING);
        assertThat(publication.state("rr-2")).isEqualTo(State.PENDING);

        publication.acknowledged(created("rr-2"));
        assertThat(publication.state("rr-2")).isEqualTo(State.PUBLISHED);
    }

    @Test
    void stateWhenRuleNotCreatedAfterAllThenNothingPending() {
        RulePublication publication = new RulePublication();
        publication.expect("rr-3");
        publication.forget("rr-3");

        assertThat(publication.state("rr-3")).isEqualTo(State.PUBLISHED);
    }
}
