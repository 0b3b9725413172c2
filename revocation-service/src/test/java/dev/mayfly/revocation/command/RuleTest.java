package dev.mayfly.revocation.command;

import dev.mayfly.contract.RevocationRule.Scope;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.revocation.api.RevocationCommands.CreateRule;
import dev.mayfly.revocation.api.RevocationCommands.LiftRule;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final RevocationRule RULE = new RevocationRule("rr-1", "111122223333", Scope.ROLE,
            "arn:aws:iam::111122223333:role/Deploy", T, T, "arn:aws:iam::111122223333:root", "leak", T.plusSeconds(129600),
            RevocationRule.Kind.REVOKE);

    private AggregateTestFixture<Rule> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Rule.class);
    }

    @Test
    void createRuleWhenNewThenRuleCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateRule("rr-1", RULE))
                .expectEvents(new RuleCreated(RULE));
    }

    @Test
    void liftRuleWhenInForceThenRuleLifted() {
        fixture.given(new RuleCreated(RULE))
                .when(new LiftRule("rr-1", "arn:aws:iam::111122223333:root", T.plusSeconds(60)))
                .expectEvents(new RuleLifted("rr-1", "111122223333", "arn:aws:iam::111122223333:root", T.plusSeconds(60)));
    }

    @Test
    void liftRuleWhenAlreadyLiftedThenRefused() {
        fixture.given(new RuleCreated(RULE), new RuleLifted("rr-1", "111122223333", "arn:aws:iam::111122223333:root", T))
                .when(new LiftRule("rr-1", "arn:aws:iam::111122223333:root", T.plusSeconds(60)))
                .expectException(AwsServiceException.class)
                .expectNoEvents();
    }
}
