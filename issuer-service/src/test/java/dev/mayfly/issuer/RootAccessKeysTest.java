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
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The root user's own access keys, as AWS documents them: CreateAccessKey, ListAccessKeys, UpdateAccessKey and
 * DeleteAccessKey without UserName, called by the root, act on the root's keys (at most two); and the operator's rotation
 * of a tenant's root key.
 */
class RootAccessKeysTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static AwsCredentials credentialsOf(AccessKey key) {
        return credentials(key.accessKeyId(), key.secretAccessKey());
    }

    private static void assertRefused(AwsCredentials credentials) {
        assertThatThrownBy(() -> sts(credentials).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void createAccessKeyWhenRootNamesNoUserThenTheRootsOwnKeyAndAThirdIsLimitExceeded() {
        NewAccount account = IssuerFixture.newAccount("root-keys");
        IamClient rootIam = iam(root(account));
        AccessKey second = rootIam.createAccessKey().accessKey();

        assertThat(second.accessKeyId()).startsWith("AKIA");
        assertThat(second.userName()).as("the root's keys carry no user name").isNull();
        assertThat(sts(credentialsOf(second)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
        assertThat(rootIam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId, AccessKeyMetadata::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(account.accessKeyId(), StatusType.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(second.accessKeyId(), StatusType.ACTIVE));
        assertThatThrownBy(rootIam::createAccessKey).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Cannot exceed quota for AccessKeysPerUser: 2");
    }

    @Test
    void updateAccessKeyWhenRootDeactivatesItsKeyThenInvalidClientTokenIdUntilActivatedAndDeletedIsGone() {
        NewAccount account = IssuerFixture.newAccount("root-keys-status");
        AccessKey second = iam(root(account)).createAccessKey().accessKey();
        IamClient secondIam = iam(credentialsOf(second));

        secondIam.updateAccessKey(r -> r.accessKeyId(account.accessKeyId()).status(StatusType.INACTIVE));
        assertRefused(root(account));
        assertThat(secondIam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::status)
                .containsExactly(StatusType.INACTIVE, StatusType.ACTIVE);

        secondIam.updateAccessKey(r -> r.accessKeyId(account.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(sts(root(account)).getCallerIdentity().account()).isEqualTo(account.accountId());

        secondIam.deleteAccessKey(r -> r.accessKeyId(account.accessKeyId()));
        assertRefused(root(account));
        assertThat(secondIam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactly(second.accessKeyId());
        assertThatThrownBy(() -> secondIam.deleteAccessKey(r -> r.accessKeyId(account.accessKeyId())))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void deleteAccessKeyWhenRootNamesAUsersKeyWithoutUserNameThenNoSuchEntity() {
        NewAccount account = IssuerFixture.newAccount("root-keys-users");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u"));
        AccessKey usersKey = rootIam.createAccessKey(r -> r.userName("u")).accessKey();

        assertThatThrownBy(() -> rootIam.deleteAccessKey(r -> r.accessKeyId(usersKey.accessKeyId())))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> rootIam.updateAccessKey(r -> r.accessKeyId(usersKey.accessKeyId()).status(StatusType.INACTIVE)))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(rootIam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactly(account.accessKeyId());
        assertThat(rootIam.listAccessKeys(r -> r.userName("u")).accessKeyMetadata()).extracting(AccessKeyMetadata::status)
                .containsExactly(StatusType.ACTIVE);
    }

    @Test
    void deleteAccessKeyWhenRootKeyDeletedThenItsSessionsLiveOnAsInAws() {
        NewAccount account = IssuerFixture.newAccount("root-keys-sessions");
        AccessKey second = iam(root(account)).createAccessKey().accessKey();
        var session = credentials(sts(root(account)).getSessionToken().credentials());

        iam(credentialsOf(second)).deleteAccessKey(r -> r.accessKeyId(account.accessKeyId()));

        assertRefused(root(account));
        assertThat(sts(session).getCallerIdentity().arn()).as("a revocation rule naming the key ends them")
                .isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
    }

    @Test
    void rotateRootKeyWhenOperatorRotatesThenNewKeyWorksOnceShownAndTheOldOneIsInactive() throws Exception {
        NewAccount account = IssuerFixture.newAccount("root-rotation");
        HttpResponse<String> response = IssuerFixture.rotateRootKey(account.accountId(), "Deactivate");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode rotated = Json.mapper().readTree(response.body());
        AwsCredentials fresh = credentials(rotated.path("AccessKeyId").asText(), rotated.path("SecretAccessKey").asText());

        assertThat(rotated.path("DeactivatedKeyIds").get(0).asText()).isEqualTo(account.accessKeyId());
        assertThat(sts(fresh).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
        assertRefused(root(account));
        assertThat(IssuerFixture.storedEventsContaining(rotated.path("SecretAccessKey").asText())).as("the secret is in no event").isEmpty();

        JsonNode again = Json.mapper().readTree(IssuerFixture.rotateRootKey(account.accountId(), "Delete").body());
        assertThat(again.path("DeletedKeyIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(account.accessKeyId(), rotated.path("AccessKeyId").asText());
        assertRefused(fresh);
        AwsCredentials newest = credentials(again.path("AccessKeyId").asText(), again.path("SecretAccessKey").asText());
        assertThat(iam(newest).listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactly(again.path("AccessKeyId").asText());
    }

    @Test
    void rotateRootKeyWhenKeepingTheOldOneThenBothWorkUntilTheTenantRetiresIt() throws Exception {
        NewAccount account = IssuerFixture.newAccount("root-rotation-keep");
        JsonNode rotated = Json.mapper().readTree(IssuerFixture.rotateRootKey(account.accountId(), "KeepActive").body());
        AwsCredentials fresh = credentials(rotated.path("AccessKeyId").asText(), rotated.path("SecretAccessKey").asText());

        assertThat(sts(root(account)).getCallerIdentity().account()).isEqualTo(account.accountId());
        assertThat(sts(fresh).getCallerIdentity().account()).isEqualTo(account.accountId());
        HttpResponse<String> full = IssuerFixture.rotateRootKey(account.accountId(), "KeepActive");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("LimitExceeded");

        iam(fresh).updateAccessKey(r -> r.accessKeyId(account.accessKeyId()).status(StatusType.INACTIVE));
        assertRefused(root(account));
    }

    @Test
    void rotateRootKeyWhenAccountUnknownOrPreviousInvalidThenRefused() throws Exception {
        assertThat(IssuerFixture.rotateRootKey("999999999999", "Deactivate").statusCode()).isEqualTo(404);
        NewAccount account = IssuerFixture.newAccount("root-rotation-invalid");
        assertThat(IssuerFixture.rotateRootKey(account.accountId(), "Whatever").statusCode()).isEqualTo(400);
        assertThat(sts(root(account)).getCallerIdentity().account()).isEqualTo(account.accountId());
    }
}
