package dev.mayfly.dev;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** AWS SDK clients for the platform's services, as a tenant would build them. */
final class Tenants {

    private Tenants() {
    }

    static AwsCredentials root(NewAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    static StsClient sts(AwsCredentials credentials) {
        return sts(Platform.get().issuerUrl(), credentials);
    }

    /** STS of an issuer other than the shared platform's. */
    static StsClient sts(URI issuer, AwsCredentials credentials) {
        return configure(StsClient.builder(), issuer, Region.US_EAST_1, credentials).build();
    }

    static IamClient iam(AwsCredentials credentials) {
        return configure(IamClient.builder(), Platform.get().issuerUrl(), Region.AWS_GLOBAL, credentials).build();
    }

    /** IAM of an issuer other than the shared platform's. */
    static IamClient iam(URI issuer, AwsCredentials credentials) {
        return configure(IamClient.builder(), issuer, Region.AWS_GLOBAL, credentials).build();
    }

    static CloudTrailClient cloudTrail(AwsCredentials credentials) {
        return cloudTrail(Platform.get().auditUrl(), credentials);
    }

    /** CloudTrail of an audit service other than the shared platform's. */
    static CloudTrailClient cloudTrail(URI audit, AwsCredentials credentials) {
        return configure(CloudTrailClient.builder(), audit, Region.US_EAST_1, credentials).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, URI endpoint, Region region, AwsCredentials credentials) {
        return builder.endpointOverride(endpoint).region(region).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials));
    }
}
