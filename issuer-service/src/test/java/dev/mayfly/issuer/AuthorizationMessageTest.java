package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/** DecodeAuthorizationMessage and GetAccessKeyInfo through the AWS SDK. */
class AuthorizationMessageTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static String encodedMessageOf(Throwable e) {
        String message = ((AwsServiceException) e).awsErrorDetails().errorMessage();
        String marker = "Encoded authorization failure message: ";
        assertThat(message).contains(marker);
        return message.substring(message.indexOf(marker) + marker.length()).strip();
    }

    private static AwsCredentials userWithPolicy(IamClient rootIam, String userName, String policy) {
        rootIam.createUser(r -> r.userName(userName));
        rootIam.putUserPolicy(r -> r.userName(userName).policyName("p").policyDocument(policy));
        var key = rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
        return credentials(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void decodeAuthorizationMessageWhenExplicitDenyThenNamesThePolicyAndOnlyItsAccountMayRead() throws Exception {
        NewAccount account = IssuerFixture.newAccount("authz-messages");
        IamClient rootIam = iam(root(account));
        AwsCredentials denied = userWithPolicy(rootIam, "dee", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},
                 {"Effect":"Deny","Action":"iam:ListRoles","Resource":"*"}]}""");
        AwsCredentials reader = userWithPolicy(rootIam, "reader", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:DecodeAuthorizationMessage","Resource":"*"}}""");

        Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(() -> iam(denied).listRoles());
        assertThat(errorCode(refusal)).isEqualTo("AccessDenied");
        String encoded = encodedMessageOf(refusal);

        JsonNode decoded = Json.mapper().readTree(sts(reader).decodeAuthorizationMessage(r -> r.encodedMessage(encoded)).decodedMessage());
        assertThat(decoded.path("allowed").asBoolean(true)).isFalse();
        assertThat(decoded.path("explicitDeny").asBoolean()).isTrue();
        assertThat(decoded.path("matchedStatements").path("items").get(0).path("policy").asText()).isEqualTo("inline policy p of user dee");
        assertThat(decoded.path("context").path("action").asText()).isEqualTo("iam:ListRoles");
        assertThat(decoded.path("context").path("principal").path("arn").asText()).endsWith(":user/dee");

        assertThatThrownBy(() -> sts(denied).decodeAuthorizationMessage(r -> r.encodedMessage(encoded)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        NewAccount other = IssuerFixture.newAccount("authz-messages-other");
        assertThatThrownBy(() -> sts(root(other)).decodeAuthorizationMessage(r -> r.encodedMessage(encoded)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAuthorizationMessageException"));
        assertThatThrownBy(() -> sts(reader).decodeAuthorizationMessage(r -> r.encodedMessage(encoded.substring(0, encoded.length() - 4) + "AAAA")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAuthorizationMessageException"));
    }

    @Test
    void decodeAuthorizationMessageWhenAssumeRoleRefusedByTrustPolicyThenSaysSo() throws Exception {
        NewAccount account = IssuerFixture.newAccount("authz-messages-trust");
        IamClient rootIam = iam(root(account));
        AwsCredentials caller = userWithPolicy(rootIam, "cal", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}""");
        rootIam.createUser(r -> r.userName("other"));    // a trust policy can only name a user that exists
        String roleArn = rootIam.createRole(r -> r.roleName("closed").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/other"},
                 "Action":"sts:AssumeRole"}}""".formatted(account.accountId()))).role().arn();
        Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(() ->
                sts(caller).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")));
        assertThat(((AwsServiceException) refusal).awsErrorDetails().errorMessage())
                .startsWith("User: arn:aws:iam::" + account.accountId() + ":user/cal is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        JsonNode decoded = Json.mapper().readTree(sts(root(account)).decodeAuthorizationMessage(r -> r.encodedMessage(encodedMessageOf(refusal)))
                .decodedMessage());
        assertThat(decoded.path("reason").asText()).isEqualTo("the role's trust policy does not allow the caller");
        assertThat(decoded.path("matchedStatements").path("items").get(0).path("policy").asText()).isEqualTo("trust policy of " + roleArn);
    }

    @Test
    void getAccessKeyInfoWhenLongTermOrSessionKeyOfAnyAccountThenItsAccount() {
        NewAccount account = IssuerFixture.newAccount("key-info");
        NewAccount other = IssuerFixture.newAccount("key-info-other");
        var dev = IssuerFixture.userWhoMayAssume(other, "dev", "r");
        var session = sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1")).credentials();

        assertThat(sts(root(account)).getAccessKeyInfo(r -> r.accessKeyId(account.accessKeyId())).account()).isEqualTo(account.accountId());
        assertThat(sts(root(account)).getAccessKeyInfo(r -> r.accessKeyId(dev.user().accessKeyId())).account()).isEqualTo(other.accountId());
        assertThat(sts(root(account)).getAccessKeyInfo(r -> r.accessKeyId(session.accessKeyId())).account()).isEqualTo(other.accountId());
        assertThatThrownBy(() -> sts(root(account)).getAccessKeyInfo(r -> r.accessKeyId("not-a-key-id!")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        AwsCredentials nobody = userWithPolicy(iam(root(account)), "nobody", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}}""");
        assertThatThrownBy(() -> sts(nobody).getAccessKeyInfo(r -> r.accessKeyId(account.accessKeyId())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }
}
