package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.RoleCommands.CreateRole;
import dev.mayfly.issuer.api.RoleCommands.PutRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.UpdateAssumeRolePolicy;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final RoleRef DEPLOY = new RoleRef(AccountId.of("111122223333"), "Deploy");
    private static final String TRUST = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}}";

    private AggregateTestFixture<Role> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Role.class);
    }

    @Test
    void createRoleWhenValidThenRoleCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateRole(DEPLOY, "/", "AROAEXAMPLE", TRUST, "deploys", 7200, T))
                .expectEvents(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST,
                        "deploys", 7200, T));
    }

    @Test
    void createRoleWhenMaxSessionDurationOutOfRangeThenValidationError() {
        for (int duration : new int[] {3599, 43201}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateRole(DEPLOY, "/", "AROAEXAMPLE", TRUST, null, duration, T))
                    .expectException(AwsServiceException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void updateAssumeRolePolicyWhenRoleExistsThenTrustPolicyUpdated() {
        String narrower = TRUST.replace("111122223333", "arn:aws:iam::111122223333:user/alice");
        fixture.given(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST, null, 3600, T))
                .when(new UpdateAssumeRolePolicy(DEPLOY, narrower))
                .expectEvents(new TrustPolicyUpdated(DEPLOY, narrower));
    }

    @Test
    void putRolePolicyWhenRoleExistsThenPolicyPut() {
        String policy = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
        fixture.given(new RoleCreated(DEPLOY, "/", "AROAEXAMPLE", "arn:aws:iam::111122223333:role/Deploy", TRUST, null, 3600, T))
                .when(new PutRolePolicy(DEPLOY, "s3", policy))
                .expectEvents(new RolePolicyPut(DEPLOY, "s3", policy));
    }
}
