package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;

/** GetFederationToken through the AWS SDK for Java v2: who the credentials are, and what they may not do. */
class GetFederationTokenTest {

    private static NewAccount account;
    private static IssuerFixture.UserAndRole broker;

    @BeforeAll
    static void brokerUser() {
        account = IssuerFixture.newAccount("federation");
        broker = IssuerFixture.userWhoMayAssume(account, "broker", "target");
        iam(root(account)).putUserPolicy(r -> r.userName("broker").policyName("federate").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"}}"""));
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void getFederationTokenWhenAllowedThenFederatedUserCredentials() {
        GetFederationTokenResponse token = sts(broker.user()).getFederationToken(r -> r.name("bob").policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"""));
        String arn = "arn:aws:sts::" + account.accountId() + ":federated-user/bob";
        assertThat(token.federatedUser().arn()).isEqualTo(arn);
        assertThat(token.federatedUser().federatedUserId()).isEqualTo(account.accountId() + ":bob");
        assertThat(token.packedPolicySize()).isPositive();
        var identity = sts(credentials(token.credentials())).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo(arn);
        assertThat(identity.userId()).isEqualTo(account.accountId() + ":bob");
    }

    @Test
    void federatedCredentialsWhenCallingIamOrOtherStsThenAccessDenied() {
        var session = sts(broker.user()).getFederationToken(r -> r.name("carol")).credentials();
        assertThatThrownBy(() -> iam(credentials(session)).getUser(r -> r.userName("broker")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sts(credentials(session)).assumeRole(r -> r.roleArn(broker.roleArn()).roleSessionName("x1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void getFederationTokenWhenNotAllowedOrFromSessionOrBadNameThenRefused() {
        IssuerFixture.UserAndRole plain = IssuerFixture.userWhoMayAssume(account, "plain", "plain-role");
        assertThatThrownBy(() -> sts(plain.user()).getFederationToken(r -> r.name("dave")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        var session = sts(broker.user()).getSessionToken().credentials();
        assertThatThrownBy(() -> sts(credentials(session)).getFederationToken(r -> r.name("erin")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sts(broker.user()).getFederationToken(r -> r.name("a")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> sts(root(account)).getFederationToken(r -> r.name("root-fed").durationSeconds(129_601)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void getFederationTokenWhenRootAsksForTwoHoursThenOneHour() {
        Instant before = Instant.now();
        var session = sts(root(account)).getFederationToken(r -> r.name("root-fed").durationSeconds(7200)).credentials();
        assertThat(session.expiration()).isBetween(before.plusSeconds(3595), Instant.now().plusSeconds(3601));
    }

    @Test
    void getFederationTokenWhenUserAsksForTwoHoursThenTwoHours() {
        Instant before = Instant.now();
        var session = sts(broker.user()).getFederationToken(r -> r.name("two-hours").durationSeconds(7200)).credentials();
        assertThat(session.expiration()).isBetween(before.plusSeconds(7195), Instant.now().plusSeconds(7201));
    }

    @Test
    void getFederationTokenWhenSessionPolicyMalformedOrTooLargeOrRegionInactiveThenStsErrors() throws Exception {
        assertThatThrownBy(() -> sts(broker.user()).getFederationToken(r -> r.name("fred").policy("{\"Statement\":")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MalformedPolicyDocument"));
        String large = """
                {"Version":"2012-10-17","Statement":[%s]}""".formatted(String.join(",", java.util.Collections.nCopies(40, """
                {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::some-long-bucket-name/some/long/prefix/*"}""")));
        assertThatThrownBy(() -> sts(broker.user()).getFederationToken(r -> r.name("fred").policy(large)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("PackedPolicyTooLarge"));
        NewAccount regional = IssuerFixture.newAccount("federation-regions");
        IssuerFixture.setStsRegion(regional.accountId(), "sa-east-1", false);
        var saoPaulo = software.amazon.awssdk.services.sts.StsClient.builder().endpointOverride(IssuerFixture.endpoint())
                .region(software.amazon.awssdk.regions.Region.SA_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(root(regional))).build();
        assertThatThrownBy(() -> saoPaulo.getFederationToken(r -> r.name("fred").policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("RegionDisabledException"));
    }
}
