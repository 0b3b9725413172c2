package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagedPolicyTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PolicyRef READ = new PolicyRef(AccountId.of("111122223333"), "Read");
    private static final String DOC = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
    private static final PolicyCreated CREATED = new PolicyCreated(READ, "/", "ANPAEXAMPLE", "arn:aws:iam::111122223333:policy/Read", DOC, null, T);

    private AggregateTestFixture<ManagedPolicy> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ManagedPolicy.class);
    }

    @Test
    void createPolicyVersionWhenFewerThanFiveThenNextVersionAndWhenFiveThenLimitExceeded() {
        fixture.given(CREATED).when(new CreatePolicyVersion(READ, DOC, true, T))
                .expectEvents(new PolicyVersionCreated(READ, "v2", DOC, true, T));
        fixture.given(CREATED, new PolicyVersionCreated(READ, "v2", DOC, false, T), new PolicyVersionCreated(READ, "v3", DOC, false, T),
                        new PolicyVersionCreated(READ, "v4", DOC, false, T), new PolicyVersionCreated(READ, "v5", DOC, false, T))
                .when(new CreatePolicyVersion(READ, DOC, false, T))
                .expectException(AwsServiceException.class).expectNoEvents();
    }

    @Test
    void attachPolicyWhenAlreadyAttachedThenNothingAndDetachWhenNotAttachedThenNoSuchEntity() {
        fixture.given(CREATED).when(new AttachPolicy(READ, EntityType.USER, "alice"))
                .expectEvents(new PolicyAttached(READ, EntityType.USER, "alice"));
        fixture.given(CREATED, new PolicyAttached(READ, EntityType.USER, "alice")).when(new AttachPolicy(READ, EntityType.USER, "ALICE"))
                .expectNoEvents();
        fixture.given(CREATED).when(new DetachPolicy(READ, EntityType.ROLE, "alice"))
                .expectException(AwsServiceException.class).expectNoEvents();
    }
}
