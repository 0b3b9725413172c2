package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.RegionDisabledException;

/** STS deactivated in a region for an account: that account gets no credentials there (RegionDisabledException). */
class StsRegionTest {

    private static StsClient sts(AwsCredentials credentials, Region region) {
        return StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(region)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    @Test
    void stsWhenRegionDeactivatedForTheAccountThenNoCredentialsThereAndWhenReactivatedThenAgain() throws Exception {
        NewAccount account = IssuerFixture.newAccount("regions");
        NewAccount other = IssuerFixture.newAccount("regions-other");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "app");
        HttpResponse<String> deactivated = IssuerFixture.setStsRegion(account.accountId(), "eu-west-1", false);
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(deactivated.body()).contains("\"InactiveRegions\":[\"eu-west-1\"]");

        assertThatThrownBy(() -> sts(root(account), Region.EU_WEST_1).getSessionToken()).isInstanceOf(RegionDisabledException.class)
                .hasMessageContaining("STS is not activated in this region for account:" + account.accountId());
        assertThatThrownBy(() -> sts(dev.user(), Region.EU_WEST_1).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1")))
                .isInstanceOf(RegionDisabledException.class);
        assertThat(sts(root(account), Region.EU_WEST_1).getCallerIdentity().account()).as("only issuing is refused").isEqualTo(account.accountId());
        assertThat(sts(root(account), Region.US_EAST_1).getSessionToken().credentials()).isNotNull();
        assertThat(sts(root(other), Region.EU_WEST_1).getSessionToken().credentials()).as("other accounts are not affected").isNotNull();
        assertThat(sts(dev.user(), Region.EU_CENTRAL_1).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s2")).credentials())
                .isNotNull();

        assertThat(IssuerFixture.setStsRegion(account.accountId(), "us-east-1", false).statusCode()).isEqualTo(400);
        assertThat(IssuerFixture.setStsRegion(account.accountId(), "eu-west-1", true).statusCode()).isEqualTo(200);
        assertThat(sts(root(account), Region.EU_WEST_1).getSessionToken().credentials()).isNotNull();
        assertThat(IssuerFixture.setStsRegion("999999999999", "eu-west-1", false).statusCode()).isEqualTo(404);
    }

    @Test
    void assumeRoleWhenRoleAccountHasRegionDeactivatedThenRefusedEvenForAnotherAccountsCaller() throws Exception {
        NewAccount owner = IssuerFixture.newAccount("regions-owner");
        NewAccount caller = IssuerFixture.newAccount("regions-caller");
        var rootIam = IssuerFixture.iam(root(owner));
        String roleArn = rootIam.createRole(r -> r.roleName("shared").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(caller.accountId())))
                .role().arn();
        IssuerFixture.setStsRegion(owner.accountId(), "ap-southeast-2", false);
        var callerIam = IssuerFixture.iam(root(caller));
        callerIam.createUser(r -> r.userName("x"));
        callerIam.putUserPolicy(r -> r.userName("x").policyName("a").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        var key = callerIam.createAccessKey(r -> r.userName("x")).accessKey();
        AwsCredentials x = IssuerFixture.credentials(key.accessKeyId(), key.secretAccessKey());
        assertThatThrownBy(() -> sts(x, Region.AP_SOUTHEAST_2).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")))
                .isInstanceOf(RegionDisabledException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403));
        assertThat(sts(x, Region.US_WEST_2).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")).credentials()).isNotNull();
    }
}
