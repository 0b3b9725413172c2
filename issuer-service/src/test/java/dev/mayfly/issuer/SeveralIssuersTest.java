package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.newAccount;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Two issuers on one database, as a deployment runs them behind one address: a change committed through one is
 * enforced by the other without a restart (each follows the event store), and the one that made it shows it at once.
 */
class SeveralIssuersTest {

    /** A bound for "eventually", far above the tenth of a second the tail takes: not a measure (docs/benchmarks.md has those). */
    private static final Duration EVENTUALLY = Duration.ofSeconds(10);

    private static URI first() {
        return URI.create("http://127.0.0.1:" + IssuerFixture.issuer().port());
    }

    private static URI second() {
        return URI.create("http://127.0.0.1:" + IssuerFixture.secondIssuer().port());
    }

    private static StsClient sts(URI issuer, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(issuer).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(URI issuer, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(issuer).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static boolean accepted(URI issuer, AwsCredentials credentials) {
        try {
            sts(issuer, credentials).getCallerIdentity();
            return true;
        } catch (StsException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            return false;
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("still not true after %s", EVENTUALLY).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static AccessKey userKey(NewAccount account, String userName) {
        IamClient rootIam = iam(first(), root(account));
        rootIam.createUser(r -> r.userName(userName));
        return rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
    }

    @Test
    void accessKeyWhenCreatedThroughOneIssuerThenTheOtherAcceptsIt() throws InterruptedException {
        AccessKey key = userKey(newAccount("several-create"), "alice");

        eventually(() -> accepted(second(), credentials(key.accessKeyId(), key.secretAccessKey())));
    }

    @Test
    void accessKeyWhenDeactivatedThenDeletedThroughOneIssuerThenTheOtherRefusesIt() throws InterruptedException {
        NewAccount account = newAccount("several-delete");
        AccessKey key = userKey(account, "bob");
        AwsCredentials bob = credentials(key.accessKeyId(), key.secretAccessKey());
        // the second issuer has used the key, so its vault holds the secret opened
        eventually(() -> accepted(second(), bob));

        iam(first(), root(account)).updateAccessKey(r -> r.userName("bob").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        eventually(() -> !accepted(second(), bob));
        iam(first(), root(account)).updateAccessKey(r -> r.userName("bob").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        eventually(() -> accepted(second(), bob));
        iam(first(), root(account)).deleteAccessKey(r -> r.userName("bob").accessKeyId(key.accessKeyId()));

        eventually(() -> !accepted(second(), bob));
    }

    @Test
    void policyWhenChangedThroughOneIssuerThenTheOtherEnforcesIt() throws InterruptedException {
        NewAccount account = newAccount("several-policy");
        IamFixtureRole role = IamFixtureRole.create(account, first());
        eventually(() -> assumes(second(), role));

        iam(first(), root(account)).putUserPolicy(r -> r.userName(role.userName()).policyName("deny-all").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}}"""));

        eventually(() -> !assumes(second(), role));
    }

    @Test
    void iamWhenTheCallerChangedSomethingThenItsIssuerShowsTheChangeInItsVeryNextAnswer() {
        NewAccount account = newAccount("several-read-own");
        IamClient rootIam = iam(first(), root(account));
        for (int i = 0; i < 20; i++) {
            String name = "user-" + i;
            rootIam.createUser(r -> r.userName(name));

            assertThat(rootIam.getUser(r -> r.userName(name)).user().userName()).isEqualTo(name);
            rootIam.tagUser(r -> r.userName(name).tags(t -> t.key("k").value("v")));
            assertThat(rootIam.listUserTags(r -> r.userName(name)).tags()).hasSize(1);
            rootIam.deleteUser(r -> r.userName(name));
            assertThatThrownBy(() -> rootIam.getUser(r -> r.userName(name))).isInstanceOf(SdkException.class);
        }
    }

    @Test
    void getAccessKeyLastUsedWhenTheKeyWasUsedOnOneIssuerThenTheOtherAnswersTheUse() throws InterruptedException {
        NewAccount account = newAccount("several-last-used");
        AccessKey key = userKey(account, "carol");
        sts(first(), credentials(key.accessKeyId(), key.secretAccessKey())).getCallerIdentity();

        // the second issuer learns of the account's root key, of the user's key, then of its use, as it reads the event
        // store: InvalidClientTokenId, then NoSuchEntity until then
        eventually(() -> accepted(second(), root(account)));
        eventually(() -> {
            try {
                return iam(second(), root(account)).getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId()))
                        .accessKeyLastUsed().lastUsedDate() != null;
            } catch (NoSuchEntityException e) {
                return false;
            }
        });
    }

    private static boolean assumes(URI issuer, IamFixtureRole role) {
        try {
            sts(issuer, role.user()).assumeRole(r -> r.roleArn(role.roleArn()).roleSessionName("several"));
            return true;
        } catch (StsException e) {
            if (e.awsErrorDetails().errorCode().equals("InvalidClientTokenId")) {
                return false; // the other issuer has yet to learn of the user's key
            }
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            return false;
        }
    }

    /** A user with a key, and a role it may assume, made through one issuer. */
    private record IamFixtureRole(String userName, AwsCredentials user, String roleArn) {
        static IamFixtureRole create(NewAccount account, URI issuer) {
            IamClient rootIam = iam(issuer, root(account));
            rootIam.createUser(r -> r.userName("dave"));
            AccessKey key = rootIam.createAccessKey(r -> r.userName("dave")).accessKey();
            rootIam.createRole(r -> r.roleName("target").assumeRolePolicyDocument("""
                    {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/dave"},"Action":"sts:AssumeRole"}}"""
                    .formatted(account.accountId())));
            return new IamFixtureRole("dave", credentials(key.accessKeyId(), key.secretAccessKey()),
                    "arn:aws:iam::" + account.accountId() + ":role/target");
        }
    }
}
