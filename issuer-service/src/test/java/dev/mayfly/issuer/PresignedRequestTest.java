package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Presigned GetCallerIdentity URLs, as Kubernetes' IAM authenticator uses them for bearer tokens: signed by
 * the AWS SDK's own signer in the query string, then fetched by anyone holding the URL.
 */
class PresignedRequestTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private URI presign(AwsCredentials credentials, Duration expiry) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(IssuerFixture.endpoint() + "/?Action=GetCallerIdentity&Version=2011-06-15")).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)).request().getUri();
    }

    /** Signed in the query string with no stated lifetime: the SDK's signer leaves X-Amz-Expires out when given none. */
    private URI signInQueryWithoutExpiry(AwsCredentials credentials) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(IssuerFixture.endpoint() + "/?Action=GetCallerIdentity&Version=2011-06-15")).build();
        return AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)).request().getUri();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void presignedGetCallerIdentityWhenLongTermKeyThenIdentity() throws Exception {
        NewAccount account = IssuerFixture.newAccount("presigned");
        HttpResponse<String> response = get(presign(root(account), Duration.ofMinutes(15)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Arn>arn:aws:iam::" + account.accountId() + ":root</Arn>");
    }

    @Test
    void presignedGetCallerIdentityWhenSessionCredentialsThenAssumedRoleIdentity() throws Exception {
        var k8s = IssuerFixture.userWhoMayAssume(IssuerFixture.newAccount("presigned-session"), "k8s", "node");
        var session = sts(k8s.user()).assumeRole(r -> r.roleArn(k8s.roleArn()).roleSessionName("node-1")).credentials();
        HttpResponse<String> response = get(presign(IssuerFixture.credentials(session), Duration.ofMinutes(1)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("assumed-role/node/node-1");
    }

    @Test
    void presignedUrlWhenQueryChangedThenSignatureDoesNotMatch() throws Exception {
        NewAccount account = IssuerFixture.newAccount("presigned-tamper");
        URI signed = presign(root(account), Duration.ofMinutes(15));
        HttpResponse<String> response = get(URI.create(signed.toString().replace("Action=GetCallerIdentity", "Action=GetSessionToken")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void presignedUrlWhenNoExpiresThenIncompleteSignature() throws Exception {
        NewAccount account = IssuerFixture.newAccount("presigned-no-expiry");
        URI signed = signInQueryWithoutExpiry(root(account));
        assertThat(signed.getRawQuery()).contains("X-Amz-Signature=").doesNotContain("X-Amz-Expires");
        HttpResponse<String> response = get(signed);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>IncompleteSignature</Code>").contains("X-Amz-Expires");
    }
}
