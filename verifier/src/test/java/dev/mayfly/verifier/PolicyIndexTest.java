package dev.mayfly.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.awspolicies.AwsManagedPolicies;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.PolicySnapshot.AwsManaged;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.policy.decision.NamedPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier's policies: AWS-managed ones, named by the feed, are read from the verifier's own copy of AWS's documents. */
class PolicyIndexTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/auditor";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String READ_ONLY_VERSION = AwsManagedPolicies.catalog().byArn(READ_ONLY).orElseThrow().defaultVersionId();

    private final PolicyIndex index = new PolicyIndex();

    private NamedPolicy onlyPolicyOfRoleNaming(AwsManaged named) throws Exception {
        index.apply(ROLE, Json.mapper().writeValueAsBytes(new PolicySnapshot(ROLE, "111122223333", PolicySnapshot.Kind.ROLE,
                "AROAEXAMPLEEXAMPLE01", Map.of(), List.of(new LabeledPolicy("managed policy " + named.arn(), null, named)), null,
                Instant.now())));
        List<NamedPolicy> policies = index.identity(ROLE).orElseThrow().policies();
        assertThat(policies).hasSize(1);
        return policies.getFirst();
    }

    private static Decision decide(NamedPolicy policy, String action) {
        return policy.document().evaluate(new RequestContext(action, "arn:aws:iam::111122223333:role/other", null, Map.of()));
    }

    @Test
    void awsManagedPolicyWhenNamedAtTheVersionThisVerifierHoldsThenDecidesWithAwsDocument() throws Exception {
        NamedPolicy readOnly = onlyPolicyOfRoleNaming(new AwsManaged(READ_ONLY, READ_ONLY_VERSION));
        assertThat(readOnly.label()).isEqualTo("managed policy " + READ_ONLY);
        assertThat(readOnly.document()).isSameAs(AwsManagedPolicies.catalog().byArn(READ_ONLY).orElseThrow().parsed());
        assertThat(decide(readOnly, "iam:GetRole")).isEqualTo(Decision.ALLOW);
        assertThat(decide(readOnly, "iam:CreateRole")).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void awsManagedPolicyWhenNamedAtAnotherVersionThenDecidesWithTheVersionItHoldsAndSaysSo() throws Exception {
        NamedPolicy readOnly = onlyPolicyOfRoleNaming(new AwsManaged(READ_ONLY, "v1"));
        assertThat(readOnly.label()).isEqualTo("managed policy " + READ_ONLY + ", as this verifier holds it (" + READ_ONLY_VERSION + ")");
        assertThat(decide(readOnly, "iam:GetRole")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void awsManagedPolicyWhenThisVerifierDoesNotHoldItThenItAllowsNothing() throws Exception {
        NamedPolicy unknown = onlyPolicyOfRoleNaming(new AwsManaged("arn:aws:iam::aws:policy/NewerThanThisVerifier", "v1"));
        assertThat(unknown.label()).endsWith(", which this verifier does not hold");
        assertThat(decide(unknown, "iam:GetRole")).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void managedSessionPolicyWhenAwsManagedThenFromThisVerifiersCopyWithoutAnySnapshot() {
        assertThat(index.managedPolicy(READ_ONLY)).extracting(NamedPolicy::label).containsExactly("managed policy " + READ_ONLY);
        assertThat(index.managedPolicy("arn:aws:iam::aws:policy/NoSuchAwsPolicy")).isEmpty();
    }
}
