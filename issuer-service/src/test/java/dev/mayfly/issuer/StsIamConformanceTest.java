package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS and IAM as the AWS SDK for Java v2 sees them: success paths and documented errors. */
class StsIamConformanceTest {

    private static NewAccount account;
    private static IamClient rootIam;

    @BeforeAll
    static void account() {
        account = IssuerFixture.newAccount("conformance");
        rootIam = iam(root(account));
    }

    private static String trustAccount(String accountId) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(accountId);
    }

    private static String allow(String action, String resource) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"%s","Resource":"%s"}]}""".formatted(action, resource);
    }

    private static AccessKey userWithKey(String userName) {
        rootIam.createUser(r -> r.userName(userName));
        return rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void getCallerIdentityWhenRootKeyThenAccountRoot() {
        GetCallerIdentityResponse identity = sts(root(account)).getCallerIdentity();
        assertThat(identity.account()).isEqualTo(account.accountId());
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
        assertThat(identity.userId()).isEqualTo(account.accountId());
    }

    @Test
    void createUserWhenNewThenUserWithArnAndKeyThatWorks() {
        var user = rootIam.createUser(r -> r.userName("alice").path("/team/")).user();
        assertThat(user.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/team/alice");
        assertThat(user.userId()).startsWith("AIDA");
        AccessKey key = rootIam.createAccessKey(r -> r.userName("alice")).accessKey();
        assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(key.secretAccessKey()).hasSize(40);
        GetCallerIdentityResponse identity = sts(credentials(key.accessKeyId(), key.secretAccessKey())).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo(user.arn());
        assertThat(identity.userId()).isEqualTo(user.userId());
    }

    @Test
    void createUserWhenNameTakenInAnyCaseThenEntityAlreadyExists() {
        rootIam.createUser(r -> r.userName("Bob"));
        assertThatThrownBy(() -> rootIam.createUser(r -> r.userName("bob")))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessageContaining("User with name bob already exists.");
    }

    @Test
    void createUserWhenNameInvalidThenValidationError() {
        assertThatThrownBy(() -> rootIam.createUser(r -> r.userName("no spaces")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void createAccessKeyWhenThirdKeyThenLimitExceeded() {
        userWithKey("carol");
        rootIam.createAccessKey(r -> r.userName("carol"));
        assertThatThrownBy(() -> rootIam.createAccessKey(r -> r.userName("carol")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Cannot exceed quota for AccessKeysPerUser: 2");
    }

    @Test
    void createAccessKeyWhenUserMissingThenNoSuchEntity() {
        assertThatThrownBy(() -> rootIam.createAccessKey(r -> r.userName("nobody")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The user with name nobody cannot be found.");
    }

    @Test
    void createRoleWhenValidThenGetRoleReturnsItWithEncodedTrustPolicy() {
        String trust = trustAccount(account.accountId());
        Role created = rootIam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(trust).maxSessionDuration(7200)).role();
        assertThat(created.roleId()).startsWith("AROA");
        Role fetched = rootIam.getRole(r -> r.roleName("reader")).role();
        assertThat(fetched.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":role/reader");
        assertThat(fetched.maxSessionDuration()).isEqualTo(7200);
        assertThat(URLDecoder.decode(fetched.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(trust);
    }

    @Test
    void getRoleWhenMissingThenNoSuchEntity() {
        assertThatThrownBy(() -> rootIam.getRole(r -> r.roleName("ghost")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The role with name ghost cannot be found.");
    }

    @Test
    void createRoleWhenTrustPolicyMalformedThenMalformedPolicyDocument() {
        assertThatThrownBy(() -> rootIam.createRole(r -> r.roleName("broken").assumeRolePolicyDocument("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> rootIam.createRole(r -> r.roleName("broken").assumeRolePolicyDocument("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Resource":"*"}]}""")))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Has prohibited field Resource");
    }

    @Test
    void putUserPolicyWhenPrincipalInIdentityPolicyThenMalformedPolicyDocument() {
        rootIam.createUser(r -> r.userName("dave"));
        assertThatThrownBy(() -> rootIam.putUserPolicy(r -> r.userName("dave").policyName("p").policyDocument(
                trustAccount(account.accountId())))).isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void assumeRoleWhenTrustAndIdentityPolicyAllowThenSessionCredentialsWork() {
        AccessKey key = userWithKey("erin");
        rootIam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(trustAccount(account.accountId())));
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/deployer";
        rootIam.putUserPolicy(r -> r.userName("erin").policyName("assume").policyDocument(allow("sts:AssumeRole", roleArn)));
        Instant before = Instant.now();
        AssumeRoleResponse assumed = sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("ci-run").durationSeconds(900));
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().expiration()).isBetween(before.plusSeconds(890), Instant.now().plusSeconds(901));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account.accountId() + ":assumed-role/deployer/ci-run");
        GetCallerIdentityResponse identity = sts(credentials(assumed.credentials())).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());
        assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId()).endsWith(":ci-run");
    }

    @Test
    void assumeRoleWhenNoIdentityPolicyAllowsThenAccessDenied() {
        AccessKey key = userWithKey("frank");
        rootIam.createRole(r -> r.roleName("locked").assumeRolePolicyDocument(trustAccount(account.accountId())));
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/locked";
        assertThatThrownBy(() -> sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                .hasMessageContaining("is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    @Test
    void assumeRoleWhenTrustPolicyNamesTheUserThenNoIdentityPolicyNeeded() {
        AccessKey key = userWithKey("gina");
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/gina";
        rootIam.createRole(r -> r.roleName("for-gina").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
                .formatted(userArn)));
        var assumed = sts(credentials(key.accessKeyId(), key.secretAccessKey())).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + account.accountId() + ":role/for-gina").roleSessionName("g1"));
        assertThat(assumed.credentials().sessionToken()).isNotBlank();
    }

    @Test
    void assumeRoleWhenRoleMissingThenAccessDeniedNotNoSuchEntity() {
        AccessKey key = userWithKey("hank");
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/does-not-exist";
        rootIam.putUserPolicy(r -> r.userName("hank").policyName("assume").policyDocument(allow("sts:AssumeRole", "*")));
        assertThatThrownBy(() -> sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWhenCallerIsRootThenAccessDenied() {
        rootIam.createRole(r -> r.roleName("not-for-root").assumeRolePolicyDocument(trustAccount(account.accountId())));
        assertThatThrownBy(() -> sts(root(account)).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + account.accountId() + ":role/not-for-root").roleSessionName("s1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                .hasMessageContaining("Roles may not be assumed by root accounts.");
    }

    @Test
    void assumeRoleWhenDurationAboveRoleMaximumThenValidationError() {
        AccessKey key = userWithKey("ivan");
        rootIam.createRole(r -> r.roleName("short").assumeRolePolicyDocument(trustAccount(account.accountId())));
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/short";
        rootIam.putUserPolicy(r -> r.userName("ivan").policyName("assume").policyDocument(allow("sts:AssumeRole", roleArn)));
        assertThatThrownBy(() -> sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1").durationSeconds(7200)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"))
                .hasMessageContaining("exceeds the MaxSessionDuration set for this role");
        assertThatThrownBy(() -> sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("x")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void assumeRoleWhenRoleChainedBeyondOneHourThenValidationError() {
        AccessKey key = userWithKey("judy");
        rootIam.createRole(r -> r.roleName("hop").assumeRolePolicyDocument(trustAccount(account.accountId())).maxSessionDuration(7200));
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/hop";
        rootIam.putUserPolicy(r -> r.userName("judy").policyName("assume").policyDocument(allow("sts:AssumeRole", roleArn)));
        rootIam.putRolePolicy(r -> r.roleName("hop").policyName("chain").policyDocument(allow("sts:AssumeRole", roleArn)));
        var first = sts(credentials(key.accessKeyId(), key.secretAccessKey())).assumeRole(r -> r.roleArn(roleArn).roleSessionName("one"));
        var chained = sts(credentials(first.credentials())).assumeRole(r -> r.roleArn(roleArn).roleSessionName("two"));
        assertThat(chained.assumedRoleUser().arn()).endsWith(":assumed-role/hop/two");
        assertThatThrownBy(() -> sts(credentials(first.credentials())).assumeRole(r -> r.roleArn(roleArn).roleSessionName("three")
                .durationSeconds(7200)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"))
                .hasMessageContaining("1 hour session limit for roles assumed by role chaining");
    }

    @Test
    void iamActionWhenUserHasNoPolicyThenAccessDenied() {
        AccessKey key = userWithKey("kate");
        assertThatThrownBy(() -> iam(credentials(key.accessKeyId(), key.secretAccessKey())).createUser(r -> r.userName("x")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                .hasMessageContaining("because no identity-based policy allows the iam:CreateUser action");
    }

    @Test
    void requestWhenSecretWrongThenSignatureDoesNotMatch() {
        assertThatThrownBy(() -> sts(credentials(account.accessKeyId(), "x".repeat(40))).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void requestWhenKeyUnknownThenInvalidClientTokenId() {
        assertThatThrownBy(() -> sts(credentials("AKIAUNKNOWNUNKNOWN00", "x".repeat(40))).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"))
                .hasMessageContaining("The security token included in the request is invalid.");
    }

    @Test
    void requestWhenSessionTokenTamperedThenInvalidClientTokenId() {
        AccessKey key = userWithKey("liam");
        rootIam.createRole(r -> r.roleName("tamper").assumeRolePolicyDocument(trustAccount(account.accountId())));
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/tamper";
        rootIam.putUserPolicy(r -> r.userName("liam").policyName("assume").policyDocument(allow("sts:AssumeRole", roleArn)));
        var session = sts(credentials(key.accessKeyId(), key.secretAccessKey())).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")).credentials();
        String token = session.sessionToken();
        char last = token.charAt(token.length() / 2);
        String tampered = token.substring(0, token.length() / 2) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() / 2 + 1);
        var forged = software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), tampered);
        assertThatThrownBy(() -> sts(forged).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void getCallerIdentityWhenEverythingIsDeniedExplicitlyThenStillAnswers() {
        AccessKey key = userWithKey("denied-everything");
        rootIam.putUserPolicy(r -> r.userName("denied-everything").policyName("deny-all").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}"""));
        var caller = sts(credentials(key.accessKeyId(), key.secretAccessKey())).getCallerIdentity();
        assertThat(caller.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/denied-everything");
        assertThatThrownBy(() -> iam(credentials(key.accessKeyId(), key.secretAccessKey())).getUser())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void requestWhenSessionExpiredThenExpiredToken() throws Exception {
        java.time.Instant issued = java.time.Instant.now().minusSeconds(7200);
        dev.mayfly.token.SessionClaims claims = new dev.mayfly.token.SessionClaims("ASIAEXPIREDEXAMPLE01", "expired-secret",
                account.accountId(), dev.mayfly.token.SessionClaims.PrincipalType.ROOT_SESSION, "arn:aws:iam::" + account.accountId() + ":root",
                account.accountId(), "arn:aws:iam::" + account.accountId() + ":root", issued, issued.plusSeconds(3600), null, null,
                null, null, null, null);
        String token = new dev.mayfly.token.SessionTokenSealer(dev.mayfly.token.KeyRing.loadOrCreate(IssuerFixture.tokenKeysFile()))
                .seal(claims);
        var expired = software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(claims.accessKeyId(), claims.secretAccessKey(), token);
        assertThatThrownBy(() -> sts(expired).getCallerIdentity())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ExpiredToken")).hasMessageContaining("expired");
    }

    @Test
    void requestWhenAccountsDifferThenNothingOfTheOtherIsVisible() {
        NewAccount other = IssuerFixture.newAccount("other-tenant");
        rootIam.createRole(r -> r.roleName("private").assumeRolePolicyDocument(trustAccount(account.accountId())));
        assertThatThrownBy(() -> iam(root(other)).getRole(r -> r.roleName("private"))).isInstanceOf(NoSuchEntityException.class);
    }
}
