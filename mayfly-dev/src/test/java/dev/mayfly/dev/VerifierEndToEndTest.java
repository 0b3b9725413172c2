package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.session;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.example.NotesServer;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.verifier.IssuerConnection;
import dev.mayfly.verifier.Verifier;
import dev.mayfly.verifier.VerifierSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A resource server that trusts Mayfly: the example notes service, deciding every request locally with the verifier
 * library, signed (in a header or presigned) by the AWS SDK's own SigV4 signer. Allowed and denied as the role's
 * policies say (an AWS-managed one too, which the policy feed names and the verifier reads from its own copy), long-term
 * keys sent to the issuer, and a session revoked by a rule of any scope refused by the
 * verifier and the issuer alike.
 */
class VerifierEndToEndTest {

    private static final Platform PLATFORM = Platform.get();
    private static Verifier verifier;
    private static NotesServer notes;
    private static URI base;

    @BeforeAll
    static void resourceServer() throws Exception {
        verifier = Verifier.start(new VerifierSettings(KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()),
                new IssuerConnection(PLATFORM.issuerUrl(), PLATFORM.issuer.serviceCredential("notes"), null),
                PLATFORM.signingPublicKeysFile(), Duration.ofSeconds(30)), Clock.systemUTC());
        notes = NotesServer.start(verifier, FreePorts.next());
        base = URI.create("http://127.0.0.1:" + notes.port() + "/notes/");
    }

    @AfterAll
    static void stop() throws Exception {
        notes.close();
        verifier.close();
    }

    private static HttpResponse<String> call(AwsCredentials credentials, String method, String note) throws Exception {
        return new SignedJsonClient(credentials, "notes").send(method, base.resolve(note), method.equals("PUT") ? "{\"text\":\"hello\"}" : null);
    }

    /** A note of the reader's account: each account has its own notebook. */
    private static String note(Reader reader, String name) {
        return reader.account().accountId() + "/" + name;
    }

    /** A tenant whose user assumed a role that may read public notes and write drafts: the session has a source identity and a tag. */
    private record Reader(NewAccount account, AwsBasicCredentials longTerm, Credentials session, String roleArn, String sessionArn) {
    }

    private static Reader reader(String name) throws Exception {
        NewAccount account = PLATFORM.issuer.accounts().create(name);
        var rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("reader"));
        rootIam.putUserPolicy(r -> r.userName("reader").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],
                 "Resource":"*"}}"""));
        var key = rootIam.createAccessKey(r -> r.userName("reader")).accessKey();
        String roleArn = rootIam.createRole(r -> r.roleName("notes-reader").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/reader"},
                 "Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}}""".formatted(account.accountId()))).role().arn();
        rootIam.putRolePolicy(r -> r.roleName("notes-reader").policyName("notes").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"notes:GetNote","Resource":"arn:aws:notes:::note/public-*"},
                 {"Effect":"Allow","Action":"notes:PutNote","Resource":"arn:aws:notes:::note/drafts-*"}]}"""));
        AwsBasicCredentials longTerm = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        var assumed = sts(longTerm).assumeRole(r -> r.roleArn(roleArn).roleSessionName("notes").sourceIdentity("alice")
                .tags(t -> t.key("team").value("red")));
        Reader reader = new Reader(account, longTerm, assumed.credentials(), roleArn, assumed.assumedRoleUser().arn());
        PlatformEndToEndTest.eventually(Duration.ofSeconds(10), () -> {
            try {
                return call(session(reader.session()), "PUT", note(reader, "drafts-1")).statusCode() == 204 ? true : null;
            } catch (Exception e) {
                return null;
            }
        });
        return reader;
    }

    @Test
    void notesServerWhenSessionCallsThenPoliciesDecideLocallyInHeaderOrPresignedRequests() throws Exception {
        Reader reader = reader("verifier");
        AwsCredentials session = session(reader.session());
        assertThat(call(session, "GET", note(reader, "public-1")).statusCode()).as("allowed, no such note yet").isEqualTo(404);
        HttpResponse<String> secret = call(session, "GET", note(reader, "secret"));
        assertThat(secret.statusCode()).isEqualTo(403);
        assertThat(secret.body()).contains("no policy allows notes:GetNote");
        assertThat(call(session, "GET", note(reader, "drafts-1")).statusCode()).as("drafts are write-only").isEqualTo(403);
        assertThat(call(session, "GET", "999988887777/public-1").body()).as("another account's notebook")
                .contains("another account's and no resource-based policy allows");
        assertThat(call(reader.longTerm(), "GET", note(reader, "public-1")).body()).contains("long-term access keys are checked by the issuer");

        HttpClient http = HttpClient.newHttpClient();
        URI presigned = new SignedJsonClient(session, "notes").presignedGet(base.resolve(note(reader, "public-1")));
        assertThat(presigned.getQuery()).contains("X-Amz-Signature", "X-Amz-Security-Token");
        assertThat(http.send(HttpRequest.newBuilder(presigned).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        URI tampered = new SignedJsonClient(session, "notes").presignedGet(base.resolve(note(reader, "public-1")).resolve("secret"));
        assertThat(http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void notesServerWhenTheRoleHoldsAnAwsManagedPolicyThenTheVerifierDecidesWithAwsDocumentUntilItIsDetached() throws Exception {
        Reader reader = reader("verifier-aws-managed");
        AwsCredentials session = session(reader.session());
        assertThat(call(session, "GET", note(reader, "secret")).statusCode()).isEqualTo(403);
        var rootIam = iam(root(reader.account()));
        String administrator = "arn:aws:iam::aws:policy/AdministratorAccess";
        rootIam.attachRolePolicy(r -> r.roleName("notes-reader").policyArn(administrator));
        PlatformEndToEndTest.eventually(Duration.ofSeconds(10), () -> statusOf(session, note(reader, "secret")) == 404 ? true : null);
        rootIam.detachRolePolicy(r -> r.roleName("notes-reader").policyArn(administrator));
        PlatformEndToEndTest.eventually(Duration.ofSeconds(10), () -> statusOf(session, note(reader, "secret")) == 403 ? true : null);
    }

    /** The status of a GET of a note, or 0 when the call failed. */
    private static int statusOf(AwsCredentials credentials, String note) {
        try {
            return call(credentials, "GET", note).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Account", "Role", "Principal", "AccessKey", "SourceIdentity", "SessionTag"})
    void revocationWhenRuleOfThisScopeNamesTheSessionThenVerifierAndIssuerRefuseIt(String scope) throws Exception {
        Reader reader = reader("verifier-" + scope.toLowerCase(java.util.Locale.ROOT));
        String target = switch (scope) {
            case "Account" -> reader.account().accountId();
            case "Role" -> reader.roleArn();
            case "Principal" -> reader.sessionArn();
            case "AccessKey" -> reader.session().accessKeyId();
            case "SourceIdentity" -> "alice";
            default -> "team=red";
        };
        HttpResponse<String> revoked = new SignedJsonClient(root(reader.account()), "revocation").send("POST",
                URI.create(PLATFORM.revocationUrl() + "/rules"), "{\"Scope\":\"" + scope + "\",\"Target\":\"" + target + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(201);
        String refusal = PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
            try {
                HttpResponse<String> response = call(session(reader.session()), "GET", note(reader, "public-1"));
                return response.statusCode() == 403 ? response.body() : null;
            } catch (Exception e) {
                return null;
            }
        });
        assertThat(refusal).contains("revoked by rule");
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
            try {
                sts(session(reader.session())).getCallerIdentity();
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                return e.awsErrorDetails().errorCode().equals("AccessDenied") ? true : null;
            }
        });
    }
}
