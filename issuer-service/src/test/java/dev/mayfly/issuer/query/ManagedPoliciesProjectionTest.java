package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.ALLOW_GET;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.AwsPolicyRef;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.AwsPolicyDetached;
import dev.mayfly.issuer.api.PolicyEvents.DefaultPolicyVersionSet;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDeleted;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDetached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyTagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyUntagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionDeleted;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.query.IdentityDirectory.Attachment;
import dev.mayfly.issuer.query.Views.ManagedPolicyView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedPoliciesProjectionTest {

    private static final PolicyRef READ = new PolicyRef(ACCOUNT, "read");
    private static final PolicyRef WRITE = new PolicyRef(ACCOUNT, "Write");
    private static final String ALLOW_PUT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""";

    private static PolicyCreated created(PolicyRef policy) {
        return new PolicyCreated(policy, "/", "ANPA" + policy.policyName().toUpperCase(java.util.Locale.ROOT),
                "arn:aws:iam::" + policy.account().value() + ":policy/" + policy.policyName(), ALLOW_GET, "reads", T);
    }

    private static ManagedPolicyView read(ManagedPoliciesProjection policies) {
        return policies.managedPolicy(READ).orElseThrow();
    }

    @Test
    void managedPolicyWhenCreatedThenV1IsItsDefaultAndItIsAttachedNowhere() {
        ManagedPolicyView policy = read(given(new ManagedPoliciesProjection(), created(READ)));

        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.defaultVersion().document()).isEqualTo(ALLOW_GET);
        assertThat(policy.updatedAt()).isEqualTo(T);
        assertThat(policy.attachmentCount()).isZero();
    }

    @Test
    void managedPolicyWhenADefaultVersionIsCreatedThenItDecidesFromThen() {
        ManagedPolicyView policy = read(given(new ManagedPoliciesProjection(), created(READ),
                new PolicyVersionCreated(READ, "v2", ALLOW_PUT, true, T.plusSeconds(60))));

        assertThat(policy.defaultVersion().document()).isEqualTo(ALLOW_PUT);
        assertThat(policy.updatedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(policy.versions()).containsOnlyKeys("v1", "v2");
    }

    @Test
    void managedPolicyWhenANonDefaultVersionIsCreatedThenTheDefaultStays() {
        ManagedPolicyView policy = read(given(new ManagedPoliciesProjection(), created(READ),
                new PolicyVersionCreated(READ, "v2", ALLOW_PUT, false, T.plusSeconds(60))));

        assertThat(policy.defaultVersionId()).isEqualTo("v1");
    }

    @Test
    void managedPolicyWhenDefaultSetBackAndTheOtherVersionDeletedThenOnlyThatOneIsLeft() {
        ManagedPolicyView policy = read(given(new ManagedPoliciesProjection(), created(READ),
                new PolicyVersionCreated(READ, "v2", ALLOW_PUT, true, T.plusSeconds(60)),
                new DefaultPolicyVersionSet(READ, "v1", T.plusSeconds(120)), new PolicyVersionDeleted(READ, "v2")));

        assertThat(policy.versions()).containsOnlyKeys("v1");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.updatedAt()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void policiesAttachedToWhenAttachedByANameInAnotherCaseThenTheEntityHasThemAndTheyCountIt() {
        ManagedPoliciesProjection policies = given(new ManagedPoliciesProjection(), created(READ), created(WRITE),
                new PolicyAttached(WRITE, EntityType.USER, "Alice"), new PolicyAttached(READ, EntityType.USER, "alice"),
                new PolicyAttached(READ, EntityType.ROLE, "deployer"));

        assertThat(policies.policiesAttachedTo(ACCOUNT, EntityType.USER, "ALICE")).extracting(ManagedPolicyView::policyName)
                .containsExactly("Write", "read");
        assertThat(read(policies).attachmentCount()).isEqualTo(2);
        assertThat(policies.attachmentsOf(READ)).containsExactly(new Attachment(EntityType.USER, "alice"),
                new Attachment(EntityType.ROLE, "deployer"));
    }

    @Test
    void attachmentsOfWhenDetachedThenTheEntityAndTheCountLoseIt() {
        ManagedPoliciesProjection policies = given(new ManagedPoliciesProjection(), created(READ),
                new PolicyAttached(READ, EntityType.USER, "alice"), new PolicyAttached(READ, EntityType.GROUP, "admins"),
                new PolicyDetached(READ, EntityType.USER, "alice"));

        assertThat(policies.policiesAttachedTo(ACCOUNT, EntityType.USER, "alice")).isEmpty();
        assertThat(policies.attachmentsOf(READ)).containsExactly(new Attachment(EntityType.GROUP, "admins"));
        assertThat(read(policies).attachmentCount()).isEqualTo(1);
    }

    @Test
    void policiesAttachedToWhenThePolicyIsDeletedThenLeavesItOut() {
        ManagedPoliciesProjection policies = given(new ManagedPoliciesProjection(), created(READ),
                new PolicyAttached(READ, EntityType.USER, "alice"), new PolicyDeleted(READ, "ANPAREAD", T));

        assertThat(policies.managedPolicy(READ)).isEmpty();
        assertThat(policies.policiesAttachedTo(ACCOUNT, EntityType.USER, "alice")).isEmpty();
    }

    @Test
    void managedPolicyWhenTaggedThenUntaggedThenKeepsTheOtherTags() {
        ManagedPolicyView policy = read(given(new ManagedPoliciesProjection(), created(READ),
                new PolicyTagged(READ, Map.of("Team", "a", "Cost", "1")), new PolicyUntagged(READ, List.of("Team"))));

        assertThat(policy.tags()).isEqualTo(Map.of("Cost", "1"));
    }

    @Test
    void managedPoliciesInWhenSeveralAccountsThenTheAccountsOnlyByNameWithoutRegardToCase() {
        ManagedPoliciesProjection policies = given(new ManagedPoliciesProjection(), created(WRITE), created(READ),
                created(new PolicyRef(OTHER_ACCOUNT, "all")));

        assertThat(policies.managedPoliciesIn(ACCOUNT)).extracting(ManagedPolicyView::policyName).containsExactly("read", "Write");
    }

    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    @Test
    void awsManagedPolicyWhenAttachedInTwoAccountsThenEachCountsAndListsItsOwnAttachmentsOnly() {
        AwsPolicyRef ours = new AwsPolicyRef(ACCOUNT, READ_ONLY);
        AwsPolicyRef theirs = new AwsPolicyRef(OTHER_ACCOUNT, READ_ONLY);
        ManagedPoliciesProjection policies = given(new ManagedPoliciesProjection(),
                new AwsPolicyAttached(ours, EntityType.USER, "Alice"), new AwsPolicyAttached(ours, EntityType.ROLE, "ops"),
                new AwsPolicyAttached(theirs, EntityType.USER, "alice"), new AwsPolicyDetached(ours, EntityType.ROLE, "ops"));

        assertThat(policies.awsManagedPolicy(ACCOUNT, READ_ONLY).orElseThrow().attachmentCount()).isEqualTo(1);
        assertThat(policies.awsManagedPolicy(OTHER_ACCOUNT, READ_ONLY).orElseThrow().attachmentCount()).isEqualTo(1);
        assertThat(policies.attachmentsOf(ours)).containsExactly(new Attachment(EntityType.USER, "alice"));
        assertThat(policies.policiesAttachedTo(ACCOUNT, EntityType.USER, "alice")).extracting(ManagedPolicyView::arn)
                .containsExactly(READ_ONLY);
        assertThat(policies.policiesAttachedTo(ACCOUNT, EntityType.ROLE, "ops")).isEmpty();
        assertThat(policies.awsManagedPolicies(ACCOUNT)).filteredOn(p -> p.attachmentCount() > 0).extracting(ManagedPolicyView::arn)
                .containsExactly(READ_ONLY);
    }

    @Test
    void awsManagedPolicyWhenRestoredFromASnapshotThenItsCountsAreCountedAgain() {
        AwsPolicyRef ours = new AwsPolicyRef(ACCOUNT, READ_ONLY);
        ManagedPoliciesProjection before = given(new ManagedPoliciesProjection(), created(READ),
                new AwsPolicyAttached(ours, EntityType.USER, "alice"), new AwsPolicyAttached(ours, EntityType.GROUP, "auditors"));
        ManagedPoliciesProjection restored = new ManagedPoliciesProjection();
        restored.restore(before.savedPolicies(), before.savedAttachments());

        assertThat(restored.awsManagedPolicy(ACCOUNT, READ_ONLY).orElseThrow().attachmentCount()).isEqualTo(2);
        assertThat(restored.awsManagedPolicy(ACCOUNT, "arn:aws:iam::aws:policy/NoSuchAwsPolicy")).isEmpty();
        assertThat(restored.managedPolicy(READ)).isPresent();
    }
}
