package dev.mayfly.issuer.command;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AwsPolicyRef;
import dev.mayfly.issuer.api.PolicyCommands.AttachAwsPolicy;
import dev.mayfly.issuer.api.PolicyCommands.DetachAwsPolicy;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyDetached;
import dev.mayfly.runtime.AwsServiceException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsPolicyAttachmentsTest {

    private static final AwsPolicyRef READ_ONLY = new AwsPolicyRef(AccountId.of("123456789012"), "arn:aws:iam::aws:policy/ReadOnlyAccess");

    private AggregateTestFixture<AwsPolicyAttachments> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(AwsPolicyAttachments.class);
    }

    @Test
    void attachAwsPolicyWhenFirstInTheAccountThenAttachedAndWhenAgainWithAnotherCaseThenNothing() {
        fixture.givenNoPriorActivity().when(new AttachAwsPolicy(READ_ONLY, EntityType.USER, "alice"))
                .expectEvents(new AwsPolicyAttached(READ_ONLY, EntityType.USER, "alice"));
        fixture.given(new AwsPolicyAttached(READ_ONLY, EntityType.USER, "alice")).when(new AttachAwsPolicy(READ_ONLY, EntityType.USER, "Alice"))
                .expectNoEvents();
        fixture.given(new AwsPolicyAttached(READ_ONLY, EntityType.USER, "alice")).when(new AttachAwsPolicy(READ_ONLY, EntityType.ROLE, "alice"))
                .expectEvents(new AwsPolicyAttached(READ_ONLY, EntityType.ROLE, "alice"));
    }

    @Test
    void detachAwsPolicyWhenAttachedThenDetachedAndWhenNotThenNoSuchEntity() {
        fixture.given(new AwsPolicyAttached(READ_ONLY, EntityType.GROUP, "auditors"))
                .when(new DetachAwsPolicy(READ_ONLY, EntityType.GROUP, "auditors"))
                .expectEvents(new AwsPolicyDetached(READ_ONLY, EntityType.GROUP, "auditors"));
        fixture.given(new AwsPolicyAttached(READ_ONLY, EntityType.GROUP, "auditors"), new AwsPolicyDetached(READ_ONLY, EntityType.GROUP, "auditors"))
                .when(new DetachAwsPolicy(READ_ONLY, EntityType.GROUP, "auditors"))
                .expectException(AwsServiceException.class).expectExceptionMessage("Policy ReadOnlyAccess was not found attached to auditors.")
                .expectNoEvents();
    }
}
