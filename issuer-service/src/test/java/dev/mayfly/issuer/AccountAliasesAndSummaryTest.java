package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** Account aliases (one per account, unique among accounts) and GetAccountSummary, through the AWS SDK. */
class AccountAliasesAndSummaryTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void accountAliasWhenCreatedThenListedOnePerAccountAndUniqueAmongAccountsUntilDeletedOrReplaced() {
        NewAccount first = IssuerFixture.newAccount("alias-first");
        NewAccount second = IssuerFixture.newAccount("alias-second");
        IamClient firstIam = iam(root(first));
        IamClient secondIam = iam(root(second));
        String alias = "acme-" + first.accountId();
        assertThat(firstIam.listAccountAliases().accountAliases()).isEmpty();

        firstIam.createAccountAlias(r -> r.accountAlias(alias));
        firstIam.createAccountAlias(r -> r.accountAlias(alias));
        assertThat(firstIam.listAccountAliases().accountAliases()).containsExactly(alias);
        assertThat(firstIam.listAccountAliases().isTruncated()).isFalse();
        assertThatThrownBy(() -> secondIam.createAccountAlias(r -> r.accountAlias(alias)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"))
                .hasMessageContaining("The account alias " + alias + " already exists.");
        assertThat(secondIam.listAccountAliases().accountAliases()).isEmpty();
        // a new alias overwrites the previous, as IAM documents, and the previous is free for another account
        String renamed = "other-" + first.accountId();
        firstIam.createAccountAlias(r -> r.accountAlias(renamed));
        assertThat(firstIam.listAccountAliases().accountAliases()).containsExactly(renamed);
        secondIam.createAccountAlias(r -> r.accountAlias(alias));
        secondIam.deleteAccountAlias(r -> r.accountAlias(alias));
        firstIam.createAccountAlias(r -> r.accountAlias(alias));
        assertThat(firstIam.listAccountAliases().accountAliases()).containsExactly(alias);
        secondIam.createAccountAlias(r -> r.accountAlias(renamed));
        secondIam.deleteAccountAlias(r -> r.accountAlias(renamed));

        assertThatThrownBy(() -> secondIam.deleteAccountAlias(r -> r.accountAlias(alias)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        firstIam.deleteAccountAlias(r -> r.accountAlias(alias));
        assertThat(firstIam.listAccountAliases().accountAliases()).isEmpty();
        secondIam.createAccountAlias(r -> r.accountAlias(alias));
        assertThat(secondIam.listAccountAliases().accountAliases()).containsExactly(alias);
    }

    @Test
    void accountAliasWhenMalformedThenValidationError() {
        IamClient rootIam = iam(root(IssuerFixture.newAccount("alias-hostile")));
        for (String bad : List.of("ab", "Upper", "-lead", "trail-", "dou--ble", "under_score", "x".repeat(64), "dot.ted")) {
            assertThatThrownBy(() -> rootIam.createAccountAlias(r -> r.accountAlias(bad)))
                    .as(bad).satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        }
    }

    @Test
    void accountAliasActionsWhenCallerPolicyDoesNotAllowThenAccessDenied() {
        NewAccount account = IssuerFixture.newAccount("alias-authz");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("reader"));
        rootIam.putUserPolicy(r -> r.userName("reader").policyName("list").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:ListAccountAliases","iam:GetAccountSummary"],"Resource":"*"}}"""));
        var key = rootIam.createAccessKey(r -> r.userName("reader")).accessKey();
        IamClient reader = iam(credentials(key.accessKeyId(), key.secretAccessKey()));
        assertThat(reader.listAccountAliases().accountAliases()).isEmpty();
        assertThat(reader.getAccountSummary().summaryMap()).containsEntry(SummaryKeyType.USERS, 1);
        assertThatThrownBy(() -> reader.createAccountAlias(r -> r.accountAlias("reader-" + account.accountId())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void getAccountSummaryWhenEntitiesExistThenCountsThemBesideIamsQuotas() {
        NewAccount account = IssuerFixture.newAccount("summary");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u1"));
        rootIam.createUser(r -> r.userName("u2"));
        rootIam.createGroup(r -> r.groupName("g"));
        rootIam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"""));
        rootIam.createInstanceProfile(r -> r.instanceProfileName("p"));
        String policyArn = rootIam.createPolicy(r -> r.policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""")).policy().arn();
        rootIam.attachUserPolicy(r -> r.userName("u1").policyArn(policyArn));

        Map<SummaryKeyType, Integer> summary = rootIam.getAccountSummary().summaryMap();
        assertThat(summary).containsEntry(SummaryKeyType.USERS, 2).containsEntry(SummaryKeyType.GROUPS, 1)
                .containsEntry(SummaryKeyType.ROLES, 1).containsEntry(SummaryKeyType.POLICIES, 1)
                .containsEntry(SummaryKeyType.INSTANCE_PROFILES, 1).containsEntry(SummaryKeyType.POLICY_VERSIONS_IN_USE, 1)
                .containsEntry(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, 1).containsEntry(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0)
                .containsEntry(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA, 2).containsEntry(SummaryKeyType.GROUPS_PER_USER_QUOTA, 10)
                .containsEntry(SummaryKeyType.USERS_QUOTA, 5000).containsEntry(SummaryKeyType.ROLE_POLICY_SIZE_QUOTA, 10240);
        assertThat(summary.keySet()).doesNotContain(SummaryKeyType.UNKNOWN_TO_SDK_VERSION);
    }

    @Test
    void awsIamAccountAliasWhenCreatedReadImportedAndDestroyedThenEveryProviderCallSucceedsFirstTime() {
        NewAccount account = IssuerFixture.newAccount("tf-alias");
        TerraformProvider provider = new TerraformProvider(root(account));
        String alias = "tf-" + account.accountId();

        // create: CreateAccountAlias; read (and import by the alias): ListAccountAliases, looked through for it
        provider.iam.createAccountAlias(r -> r.accountAlias(alias));
        assertThat(provider.iam.listAccountAliasesPaginator().accountAliases()).containsExactly(alias);
        assertThat(provider.iam.listAccountAliasesPaginator().accountAliases()).contains(alias);
        // destroy: DeleteAccountAlias; the next refresh does not find it
        provider.iam.deleteAccountAlias(r -> r.accountAlias(alias));
        assertThat(provider.iam.listAccountAliasesPaginator().accountAliases()).isEmpty();
        assertThat(provider.calls()).containsExactly("CreateAccountAlias", "ListAccountAliases", "ListAccountAliases",
                "DeleteAccountAlias", "ListAccountAliases");
        assertThat(provider.retries()).isZero();
    }
}
