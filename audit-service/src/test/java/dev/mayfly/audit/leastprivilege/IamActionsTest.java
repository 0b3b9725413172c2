package dev.mayfly.audit.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which IAM action allowed a recorded call, by its event source and name. */
class IamActionsTest {

    private final IamActions actions = new IamActions(name -> Optional.ofNullable(Map.of("Search", "cloudtrail:LookupEvents",
            "ListPublicKeys", "cloudtrail:ListPublicKeys").get(name)));

    @Test
    void ofWhenStsIamRevocationOrWorkloadsThenTheActionOfTheCallsName() {
        assertThat(actions.of("sts.amazonaws.com", "AssumeRole")).contains("sts:AssumeRole");
        assertThat(actions.of("iam.amazonaws.com", "GetUser")).contains("iam:GetUser");
        assertThat(actions.of("revocation.mayfly", "CreateRule")).contains("revocation:CreateRule");
        assertThat(actions.of("workloads.mayfly", "CreateWorkload")).contains("workloads:CreateWorkload");
    }

    @Test
    void ofWhenAuditOperationThenTheActionItAsks() {
        assertThat(actions.of("cloudtrail.amazonaws.com", "Search")).contains("cloudtrail:LookupEvents");
        assertThat(actions.of("cloudtrail.amazonaws.com", "ListPublicKeys")).contains("cloudtrail:ListPublicKeys");
        assertThat(actions.of("cloudtrail.amazonaws.com", "UnknownOperation")).isEmpty();
    }

    @Test
    void ofWhenNoPolicyDecidesTheCallThenNone() {
        assertThat(actions.of("sts.amazonaws.com", "GetCallerIdentity")).isEmpty();
        assertThat(actions.of("sts.amazonaws.com", "GetSessionToken")).isEmpty();
        assertThat(actions.of("sts.amazonaws.com", "AssumeRoleWithWebIdentity")).isEmpty();
        assertThat(actions.of("admin.mayfly", "CreateAccount")).isEmpty();
        assertThat(actions.of("issuer.mayfly", "RotateKeys")).isEmpty();
        assertThat(actions.of("iam.amazonaws.com", "Get User")).as("no name a record could not hold").isEmpty();
    }
}
