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
import dev.mayfly.verifier.Verifier;
import dev.mayfly.verifier.VerifierSettings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * A resource server that trusts Mayfly: the example notes service, deciding every request locally with the verifier
 * library, signed by the AWS SDK's own SigV4 signer. Allowed and denied as the role's policies say, long-term keys sent
 * to the issuer, and a revoked session refused as soon as the rule reaches the verifier.
 */
class VerifierEndToEndTest {

    private final Platform platform = Platform.get();

    private static HttpResponse<String> call(AwsCredentials credentials, String method, URI uri) throws Exception {
        return new SignedJsonClient(credentials, "notes").send(method, uri, method.equals("PUT") ? "{\"text\":\"hello\"}" : null);
    }

    @Test
    void notesServerWhenSessionCallsThenPoliciesDecideLocallyAndARevocationRefusesIt() throws Exception {
        NewAccount account = platform.issuer.accounts().create("verifier");
        var rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("reader"));
        var key = rootIam.createAccessKey(r -> r.userName("reader")).accessKey();
        String roleArn = rootIam.createRole(r -> r.roleName("notes-reader").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/reader"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId()))).role().arn();
        rootIam.putRolePolicy(r -> r.roleName("notes-reader").policyName("notes").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"notes:GetNote","Resource":"arn:aws:notes:::note/public-*"},
                 {"Effect":"Allow","Action":"notes:PutNote","Resource":"arn:aws:notes:::note/drafts-*"}]}"""));
        AwsBasicCredentials longTerm = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        AwsCredentials session = session(sts(longTerm).assumeRole(r -> r.roleArn(roleArn).roleSessionName("notes")).credentials());

        try (Verifier verifier = Verifier.start(new VerifierSettings(SharedInfrastructure.kafka().bootstrapServers(),
                platform.tokenKeysFile, Set.of("notes"), Duration.ofSeconds(30)), Clock.systemUTC());
             NotesServer notes = NotesServer.start(verifier, FreePorts.next())) {
            URI base = URI.create("http://127.0.0.1:" + notes.port() + "/notes/");
            PlatformEndToEndTest.eventually(Duration.ofSeconds(10), () -> {
                try {
                    return call(session, "PUT", base.resolve("drafts-1")).statusCode() == 204 ? true : null;
                } catch (Exception e) {
                    return null;
                }
            });
            assertThat(call(session, "GET", base.resolve("public-1")).statusCode()).as("allowed, no such note yet").isEqualTo(404);
            HttpResponse<String> secret = call(session, "GET", base.resolve("secret"));
            assertThat(secret.statusCode()).isEqualTo(403);
            assertThat(secret.body()).contains("no policy allows notes:GetNote");
            assertThat(call(session, "GET", base.resolve("drafts-1")).statusCode()).as("drafts are write-only").isEqualTo(403);
            assertThat(call(longTerm, "GET", base.resolve("public-1")).body()).contains("long-term access keys are checked by the issuer");

            HttpResponse<String> revoked = new SignedJsonClient(root(account), "revocation").send("POST",
                    URI.create(platform.revocationUrl() + "/rules"), "{\"Scope\":\"Role\",\"Target\":\"" + roleArn + "\"}");
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(201);
            String refusal = PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
                try {
                    HttpResponse<String> response = call(session, "GET", base.resolve("public-1"));
                    return response.statusCode() == 403 ? response.body() : null;
                } catch (Exception e) {
                    return null;
                }
            });
            assertThat(refusal).contains("revoked by rule");
        }
    }
}
