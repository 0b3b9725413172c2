package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** IAM's per-account entity quotas: one tenant cannot grow the entities every tenant's issuer holds without bound. */
class AccountQuotaTest {

    private static AwsServiceException refusal(Throwable e) {
        return (AwsServiceException) e;
    }

    @Test
    void createGroupWhenTheAccountHoldsItsQuotaThenLimitExceededUntilOneIsDeletedAndOtherAccountsUnaffected() {
        NewAccount account = IssuerFixture.newAccount("quota-groups");
        IamClient iam = iam(root(account));
        int quota = iam.getAccountSummary().summaryMap().get(SummaryKeyType.GROUPS_QUOTA);
        for (int i = 0; i < quota; i++) {
            String name = "g" + i;
            iam.createGroup(r -> r.groupName(name));
        }

        assertThatThrownBy(() -> iam.createGroup(r -> r.groupName("one-too-many"))).satisfies(e -> {
            assertThat(refusal(e).awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
            assertThat(refusal(e).awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for GroupsPerAccount: 300");
            assertThat(refusal(e).statusCode()).isEqualTo(409);
        });
        IamClient other = iam(root(IssuerFixture.newAccount("quota-groups-other")));
        other.createGroup(r -> r.groupName("g0"));
        iam.deleteGroup(r -> r.groupName("g0"));
        iam.createGroup(r -> r.groupName("one-more"));
        assertThat(iam.getAccountSummary().summaryMap().get(SummaryKeyType.GROUPS)).isEqualTo(quota);
    }

    @Test
    void createWorkloadWhenTheAccountHoldsItsQuotaThenLimitExceeded() throws Exception {
        NewAccount account = IssuerFixture.newAccount("quota-workloads");
        String roleArn = iam(root(account)).createRole(r -> r.roleName("app").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"workloads.mayfly\"},"
                        + "\"Action\":\"sts:AssumeRole\"}}")).role().arn();
        URI workloads = URI.create(IssuerFixture.endpoint() + "/mayfly/workloads");
        for (int i = 0; i <= 1000; i++) {
            HttpResponse<String> answer = SignedRestRequests.send(root(account), "workloads", "POST", workloads,
                    ("{\"Name\":\"w" + i + "\",\"RoleArn\":\"" + roleArn + "\"}").getBytes(StandardCharsets.UTF_8));
            if (i < 1000) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            } else {
                assertThat(answer.statusCode()).isEqualTo(409);
                assertThat(answer.body()).contains("LimitExceeded").contains("Cannot exceed quota for WorkloadsPerAccount: 1000");
            }
        }
    }

    @Test
    void createOpenIdConnectProviderWhenOneHundredHeldThenLimitExceeded() {
        IamClient iam = iam(root(IssuerFixture.newAccount("quota-providers")));
        for (int i = 0; i < 100; i++) {
            String url = "https://issuer-" + i + ".example.com";
            iam.createOpenIDConnectProvider(r -> r.url(url).clientIDList("sts.amazonaws.com"));
        }

        assertThatThrownBy(() -> iam.createOpenIDConnectProvider(r -> r.url("https://issuer-100.example.com")
                .clientIDList("sts.amazonaws.com"))).satisfies(e -> assertThat(refusal(e).awsErrorDetails().errorMessage())
                .isEqualTo("Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100"));
    }
}
