package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.audit.AuditService;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.cli.RevokeCommand;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SelfSignedCertificate;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.revocation.RevocationService;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.TlsTrust;
import dev.mayfly.runtime.audit.CallLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The three services on HTTPS with one certificate that no public CA signed, as an operator with a private CA runs them:
 * each reads the same MAYFLY_TLS_KEYSTORE, the audit and revocation services reach the issuer on https:// trusting
 * MAYFLY_TLS_TRUSTSTORE, and aws:SecureTransport is true for a call received over TLS.
 */
class TlsEndToEndTest {

    private static SelfSignedCertificate certificate;
    private static TlsTrust trust;
    private static IssuerService issuer;
    private static AuditService audit;
    private static RevocationService revocation;

    @BeforeAll
    static void startOverHttps() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-e2e-");
        certificate = SelfSignedCertificate.create(home, "mayfly");
        TlsSettings tls = new TlsSettings(certificate.keystore(), certificate.password());
        trust = new TlsTrust(certificate.certificate(), "");
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        issuer = IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("tls_e2e_issuer"), "postgres", "postgres", 4),
                kafka, (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"),
                IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true, tls), Clock.systemUTC());
        String issuerUrl = "https://127.0.0.1:" + issuer.port();
        PrivateFiles.write(home.resolve("audit.credential"), issuer.serviceCredential("audit").fileText());
        PrivateFiles.write(home.resolve("revocation.credential"), issuer.serviceCredential("revocation").fileText());
        audit = AuditService.start(new AuditSettings("127.0.0.1", FreePorts.next(), kafka,
                ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()),
                issuerUrl, "mayfly-audit-tls", new Storage(Period.DAY, Duration.ofDays(90)),
                new Integrity(Duration.ofHours(1), Duration.ofSeconds(1), home.resolve("audit-signing.key")), CallLimits.Limits.DEFAULT,
                home.resolve("audit.credential")).withTls(tls, trust));
        revocation = RevocationService.start(new RevocationSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("tls_e2e_revocation"), "postgres", "postgres", 4),
                kafka, (short) 1, 3, issuerUrl, CallLimits.Limits.DEFAULT, home.resolve("revocation.credential")).withTls(tls, trust),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        revocation.close();
        audit.close();
        issuer.close();
    }

    private static URI https(int port) {
        return URI.create("https://127.0.0.1:" + port);
    }

    private static UrlConnectionHttpClient sdkHttpClient() {
        return (UrlConnectionHttpClient) UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> {
            try {
                return trust.trustManagers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).build();
    }

    private static CloudTrailClient cloudTrail(AwsCredentials credentials) {
        return CloudTrailClient.builder().endpointOverride(https(audit.port())).region(Region.US_EAST_1).httpClient(sdkHttpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(https(issuer.port())).region(Region.AWS_GLOBAL).httpClient(sdkHttpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    /** A user whose only policy allows cloudtrail:LookupEvents when aws:SecureTransport is the given value. */
    private static AwsCredentials lookupUser(NewAccount account, String name, boolean secureTransport) {
        IamClient rootIam = iam(Tenants.root(account));
        rootIam.createUser(r -> r.userName(name));
        rootIam.putUserPolicy(r -> r.userName(name).policyName("lookup").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"cloudtrail:LookupEvents","Resource":"*",
                 "Condition":{"Bool":{"aws:SecureTransport":"%s"}}}}""".formatted(secureTransport)));
        var key = rootIam.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lookupEventsWhenAuditServesHttpsAndIssuerIsOnHttpsThenCloudTrailClientIsAnswered() {
        NewAccount account = issuer.accounts().create("tls-lookup");

        var answer = cloudTrail(Tenants.root(account)).lookupEvents(r -> r.maxResults(5));

        assertThat(answer.sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void lookupEventsWhenPolicyAllowsOnlyOverSecureTransportAndCallIsOverHttpsThenAllowed() {
        NewAccount account = issuer.accounts().create("tls-condition");
        AwsCredentials tlsOnly = lookupUser(account, "tls-only", true);
        AwsCredentials plainOnly = lookupUser(account, "plain-only", false);

        var allowed = cloudTrail(tlsOnly).lookupEvents(r -> r.maxResults(5));

        assertThat(allowed.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> cloudTrail(plainOnly).lookupEvents(r -> r.maxResults(5)))
                .isInstanceOfSatisfying(CloudTrailException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void listRulesWhenRevocationServesHttpsThenSignedCallIsAnswered() throws Exception {
        NewAccount account = issuer.accounts().create("tls-rules");
        try (HttpClient http = trust.httpClient().build()) {
            var answer = new SignedJsonClient(http, Tenants.root(account), "revocation")
                    .send("GET", https(revocation.port()).resolve("/rules"), null);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    @Test
    void revokeListWhenRevocationUrlIsHttpsAndTruststoreIsSetThenCliIsAnswered() {
        NewAccount account = issuer.accounts().create("tls-cli");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Settings settings = Settings.of(Map.of("MAYFLY_REVOCATION_URL", https(revocation.port()).toString(),
                "MAYFLY_TLS_TRUSTSTORE", certificate.certificate().toString(),
                "AWS_ACCESS_KEY_ID", account.accessKeyId(), "AWS_SECRET_ACCESS_KEY", account.secretAccessKey()));

        int exit = RevokeCommand.run(new String[] {"list"}, settings, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Rules");
    }

    @Test
    void requestWhenPlainHttpToAnHttpsPortThenFailsAndThePortStillServesHttps() throws Exception {
        try (HttpClient plain = HttpClient.newHttpClient(); HttpClient trusting = trust.httpClient().build()) {
            for (int port : new int[] {audit.port(), revocation.port(), issuer.port()}) {
                assertThatThrownBy(() -> get(plain, URI.create("http://127.0.0.1:" + port + "/healthz")))
                        .as("port %d", port).isInstanceOf(IOException.class);

                assertThat(get(trusting, https(port).resolve("/healthz")).statusCode()).as("port %d", port).isIn(200, 503);
            }
        }
    }

    @Test
    void requestWhenClientTrustsOnlyPublicCasThenHandshakeRefusedByTheClient() throws Exception {
        try (HttpClient publicCas = TlsTrust.PUBLIC_CAS.httpClient().build()) {
            for (int port : new int[] {audit.port(), revocation.port()}) {
                assertThatThrownBy(() -> get(publicCas, https(port).resolve("/healthz"))).as("port %d", port)
                        .isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void healthzWhenTruststoreIsAPkcs12FileThenAnsweredOverHttps() throws Exception {
        TlsTrust pkcs12 = new TlsTrust(certificate.keystore(), certificate.password());
        try (HttpClient client = pkcs12.httpClient().build()) {
            assertThat(get(client, https(revocation.port()).resolve("/healthz")).statusCode()).isEqualTo(200);
        }
    }
}
