package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/** Key rotation as a user does it with the AWS SDK: create a second key, deactivate the first, delete it. */
class AccessKeyRotationTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static boolean secretStored(String accessKeyId) throws Exception {
        try (Connection connection = DriverManager.getConnection(IssuerFixture.jdbcUrl(), "postgres", "postgres");
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM access_key_secret WHERE access_key_id = ?")) {
            select.setString(1, accessKeyId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void rotateWhenOldKeyDeactivatedThenRefusedAndWhenDeletedThenGoneWithItsSecret() throws Exception {
        NewAccount account = IssuerFixture.newAccount("rotation");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("erin"));
        AccessKey first = rootIam.createAccessKey(r -> r.userName("erin")).accessKey();
        AccessKey second = rootIam.createAccessKey(r -> r.userName("erin")).accessKey();

        rootIam.updateAccessKey(r -> r.userName("erin").accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(rootIam.listAccessKeys(r -> r.userName("erin")).accessKeyMetadata())
                .extracting(AccessKeyMetadata::accessKeyId, AccessKeyMetadata::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.accessKeyId(), StatusType.INACTIVE),
                        org.assertj.core.groups.Tuple.tuple(second.accessKeyId(), StatusType.ACTIVE));
        assertThatThrownBy(() -> sts(credentials(first.accessKeyId(), first.secretAccessKey())).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"));
        assertThat(sts(credentials(second.accessKeyId(), second.secretAccessKey())).getCallerIdentity().arn()).endsWith(":user/erin");

        rootIam.updateAccessKey(r -> r.userName("erin").accessKeyId(first.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(sts(credentials(first.accessKeyId(), first.secretAccessKey())).getCallerIdentity().arn()).endsWith(":user/erin");

        assertThat(secretStored(first.accessKeyId())).isTrue();
        rootIam.deleteAccessKey(r -> r.userName("erin").accessKeyId(first.accessKeyId()));
        assertThat(secretStored(first.accessKeyId())).isFalse();
        assertThatThrownBy(() -> sts(credentials(first.accessKeyId(), first.secretAccessKey())).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"));
        assertThat(rootIam.listAccessKeys(r -> r.userName("erin")).accessKeyMetadata()).hasSize(1);
        assertThat(rootIam.createAccessKey(r -> r.userName("erin")).accessKey().accessKeyId()).startsWith("AKIA");
    }

    @Test
    void updateAccessKeyWhenKeyIsAnotherUsersThenNoSuchEntity() {
        NewAccount account = IssuerFixture.newAccount("rotation-other");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("a1"));
        rootIam.createUser(r -> r.userName("b1"));
        AccessKey bKey = rootIam.createAccessKey(r -> r.userName("b1")).accessKey();
        assertThatThrownBy(() -> rootIam.updateAccessKey(r -> r.userName("a1").accessKeyId(bKey.accessKeyId()).status(StatusType.INACTIVE)))
                .isInstanceOf(NoSuchEntityException.class).hasMessageContaining("The Access Key with id " + bKey.accessKeyId() + " cannot be found.");
        assertThatThrownBy(() -> rootIam.deleteAccessKey(r -> r.userName("a1").accessKeyId(bKey.accessKeyId())))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void listAccessKeysWhenMaxItemsOneThenPagedWithMarker() {
        NewAccount account = IssuerFixture.newAccount("rotation-pages");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("pager"));
        rootIam.createAccessKey(r -> r.userName("pager"));
        rootIam.createAccessKey(r -> r.userName("pager"));
        var first = rootIam.listAccessKeys(r -> r.userName("pager").maxItems(1));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.accessKeyMetadata()).hasSize(1);
        var second = rootIam.listAccessKeys(r -> r.userName("pager").maxItems(1).marker(first.marker()));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.accessKeyMetadata()).hasSize(1).doesNotContainAnyElementsOf(first.accessKeyMetadata());
    }

    @Test
    void getUserWhenNoNameThenTheCallingUser() {
        NewAccount account = IssuerFixture.newAccount("get-user");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("self").path("/ops/"));
        rootIam.putUserPolicy(r -> r.userName("self").policyName("self").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::*:user/ops/${aws:username}"}}"""));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("self")).accessKey();
        var user = iam(credentials(key.accessKeyId(), key.secretAccessKey())).getUser().user();
        assertThat(user.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/ops/self");
        assertThatThrownBy(() -> iam(credentials(key.accessKeyId(), key.secretAccessKey())).getUser(r -> r.userName("other")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void getAccessKeyLastUsedWhenNeverUsedThenNotApplicableAndWhenUsedThenServiceAndRegion() throws Exception {
        NewAccount account = IssuerFixture.newAccount("key-last-used");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("lu"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("lu")).accessKey();
        var never = rootIam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId()));
        assertThat(never.userName()).isEqualTo("lu");
        assertThat(never.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
        assertThat(never.accessKeyLastUsed().lastUsedDate()).isNull();

        sts(credentials(key.accessKeyId(), key.secretAccessKey())).getCallerIdentity();
        var used = Await.eventually(() -> rootIam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed(),
                last -> last.lastUsedDate() != null);
        assertThat(used.serviceName()).isEqualTo("sts");
        assertThat(used.region()).isEqualTo("us-east-1");

        NewAccount other = IssuerFixture.newAccount("key-last-used-other");
        assertThatThrownBy(() -> iam(root(other)).getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }

    /** Waits for what is applied after a transaction commits. */
    private static final class Await {
        static <T> T eventually(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
            T value = read.get();
            for (int i = 0; i < 50 && !done.test(value); i++) {
                Thread.sleep(100);
                value = read.get();
            }
            return value;
        }
    }
}
