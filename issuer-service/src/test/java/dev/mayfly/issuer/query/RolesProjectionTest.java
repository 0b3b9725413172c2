package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.ALLOW_GET;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RoleDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePermissionsBoundarySet;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.RoleTagged;
import dev.mayfly.issuer.api.RoleEvents.RoleUntagged;
import dev.mayfly.issuer.api.RoleEvents.RoleUpdated;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.query.Views.RoleView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesProjectionTest {

    private static final RoleRef DEPLOYER = new RoleRef(ACCOUNT, "deployer");
    private static final String ALICE_ARN = "arn:aws:iam::123456789012:user/alice";
    private static final String TRUST_ALICE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
            .formatted(ALICE_ARN);
    private static final String TRUST_ROOT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
            "Action":"sts:AssumeRole"}]}""";

    private static RoleCreated created(RoleRef role) {
        return new RoleCreated(role, "/", "AROA" + role.roleName().toUpperCase(java.util.Locale.ROOT),
                "arn:aws:iam::" + role.account().value() + ":role/" + role.roleName(), TRUST_ALICE, "deploys", 3600, T,
                Map.of(ALICE_ARN, "AIDAALICE"));
    }

    @Test
    void roleWhenCreatedThenItsTrustPolicyDecidesWithTheBoundIds() {
        RoleView role = given(new RolesProjection(), created(DEPLOYER)).role(DEPLOYER).orElseThrow();

        assertThat(role.trustPolicy()).isEqualTo(TRUST_ALICE);
        assertThat(role.trustPrincipalIds()).isEqualTo(Map.of(ALICE_ARN, "AIDAALICE"));
        assertThat(role.parsedTrustPolicy()).usingRecursiveComparison()
                .isEqualTo(RoleView.decidingTrustPolicy(TRUST_ALICE, Map.of(ALICE_ARN, "AIDAALICE")));
        assertThat(role.policies()).isEmpty();
        assertThat(role.permissionsBoundary()).isNull();
    }

    @Test
    void roleWhenTrustPolicyUpdatedThenDecidesWithTheNewOne() {
        RoleView role = given(new RolesProjection(), created(DEPLOYER), new TrustPolicyUpdated(DEPLOYER, TRUST_ROOT, Map.of(), null))
                .role(DEPLOYER).orElseThrow();

        assertThat(role.trustPolicy()).isEqualTo(TRUST_ROOT);
        assertThat(role.trustPrincipalIds()).isEmpty();
        assertThat(role.parsedTrustPolicy()).usingRecursiveComparison().isEqualTo(RoleView.decidingTrustPolicy(TRUST_ROOT, Map.of()));
    }

    @Test
    void roleWhenUpdatedThenHasTheNewDescriptionAndMaximumSession() {
        RoleView role = given(new RolesProjection(), created(DEPLOYER), new RoleUpdated(DEPLOYER, "ships", 7200)).role(DEPLOYER).orElseThrow();

        assertThat(role.description()).isEqualTo("ships");
        assertThat(role.maxSessionDuration()).isEqualTo(7200);
    }

    @Test
    void roleWhenPoliciesPutAndDeletedAndBoundarySetThenKeepsTheRestAndTheBoundary() {
        String boundary = "arn:aws:iam::123456789012:policy/boundary";
        RoleView role = given(new RolesProjection(), created(DEPLOYER), new RolePolicyPut(DEPLOYER, "read", ALLOW_GET),
                new RolePolicyPut(DEPLOYER, "gone", ALLOW_GET), new RolePermissionsBoundarySet(DEPLOYER, boundary),
                new RolePolicyDeleted(DEPLOYER, "gone")).role(DEPLOYER).orElseThrow();

        assertThat(role.policies()).containsOnlyKeys("read");
        assertThat(role.permissionsBoundary()).isEqualTo(boundary);
    }

    @Test
    void roleWhenTaggedThenUntaggedThenKeepsTheOtherTags() {
        RoleView role = given(new RolesProjection(), created(DEPLOYER), new RoleTagged(DEPLOYER, Map.of("Team", "a", "Cost", "1")),
                new RoleUntagged(DEPLOYER, List.of("Cost"))).role(DEPLOYER).orElseThrow();

        assertThat(role.tags()).isEqualTo(Map.of("Team", "a"));
    }

    @Test
    void roleWhenDeletedThenIsGone() {
        RolesProjection roles = given(new RolesProjection(), created(DEPLOYER), new RoleDeleted(DEPLOYER, "AROADEPLOYER", T));

        assertThat(roles.role(DEPLOYER)).isEmpty();
    }

    @Test
    void rolesInWhenSeveralAccountsThenTheAccountsOnlyByNameWithoutRegardToCase() {
        RolesProjection roles = given(new RolesProjection(), created(DEPLOYER), created(new RoleRef(ACCOUNT, "Auditor")),
                created(new RoleRef(OTHER_ACCOUNT, "admin")));

        assertThat(roles.rolesIn(ACCOUNT)).extracting(RoleView::roleName).containsExactly("Auditor", "deployer");
    }
}
