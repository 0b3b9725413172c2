package dev.mayfly.awspolicies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.policy.Decision;
import dev.mayfly.policy.RequestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog this build ships: complete, consistent with AWS's ARNs, and every document in Mayfly's policy language. */
class AwsManagedPoliciesTest {

    private static final AwsManagedPolicies CATALOG = AwsManagedPolicies.catalog();

    private static Decision decide(String arn, String action, String resource) {
        return CATALOG.byArn(arn).orElseThrow().parsed().evaluate(new RequestContext(action, resource, null, Map.of()));
    }

    @Test
    void catalogWhenLoadedThenHoldsTheMostUsedPoliciesUnderTheirAwsArns() {
        assertThat(CATALOG.all()).extracting(AwsManagedPolicy::arn).contains(
                "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
                "arn:aws:iam::aws:policy/IAMFullAccess", "arn:aws:iam::aws:policy/SecurityAudit",
                "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
                "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
        assertThat(CATALOG.source()).startsWith("https://github.com/z0ph/MAMIP/tree/");
    }

    @Test
    void everyPolicyWhenReadThenItsArnIsItsPathAndNameAndItsMetadataIsComplete() {
        for (AwsManagedPolicy policy : CATALOG.all()) {
            assertThat(policy.arn()).isEqualTo("arn:aws:iam::aws:policy" + policy.path() + policy.policyName());
            assertThat(AwsManagedPolicies.isAwsManaged(policy.arn())).isTrue();
            assertThat(policy.policyId()).as(policy.arn()).matches("ANPA[A-Z0-9]{17}");
            assertThat(policy.defaultVersionId()).as(policy.arn()).matches("v[1-9][0-9]*");
            assertThat(policy.description()).as(policy.arn()).isNotBlank();
            assertThat(policy.createDate()).as(policy.arn()).isBeforeOrEqualTo(policy.updateDate());
            assertThat(policy.versionCreateDate()).as(policy.arn()).isEqualTo(policy.updateDate());
        }
    }

    @Test
    void everyShippedDocumentWhenParsedThenIsAnIdentityPolicyOfMayflysPolicyLanguage() {
        List<AwsManagedPolicy> all = CATALOG.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        for (AwsManagedPolicy policy : all) {
            assertThat(policy.parsed().requireIdentityPolicy()).as(policy.arn()).isNotNull();
            assertThat(policy.document()).as(policy.arn()).contains("\"Version\": \"2012-10-17\"");
        }
    }

    @Test
    void readOnlyAccessWhenEvaluatedThenAllowsReadingAndNotWriting() {
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        assertThat(decide(readOnly, "iam:GetRole", "arn:aws:iam::111122223333:role/r")).isEqualTo(Decision.ALLOW);
        assertThat(decide(readOnly, "s3:GetObject", "arn:aws:s3:::bucket/key")).isEqualTo(Decision.ALLOW);
        assertThat(decide(readOnly, "iam:CreateRole", "arn:aws:iam::111122223333:role/r")).isEqualTo(Decision.NOT_APPLICABLE);
        assertThat(decide("arn:aws:iam::aws:policy/AdministratorAccess", "iam:CreateRole", "*")).isEqualTo(Decision.ALLOW);
        assertThat(decide("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:log-stream:s")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void unknownArnWhenLookedUpThenEmpty() {
        assertThat(CATALOG.byArn("arn:aws:iam::aws:policy/NoSuchPolicy")).isEmpty();
        assertThat(CATALOG.byArn("arn:aws:iam::aws:policy/service-role/ReadOnlyAccess")).as("the path is part of the ARN").isEmpty();
        assertThat(AwsManagedPolicies.isAwsManaged("arn:aws:iam::111122223333:policy/ReadOnlyAccess")).isFalse();
    }
}
