package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SelfSignedCertificate;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The issuer over HTTPS: the AWS SDK calls it, trusting its certificate as a private CA's (MAYFLY_TLS_TRUSTSTORE), each
 * call's record carries CloudTrail's tlsDetails, and aws:SecureTransport is true for a call over TLS.
 */
class TlsTest {

    /** Allows iam:ListUsers over TLS only. */
    private static final String TLS_ONLY = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",
             "Condition":{"Bool":{"aws:SecureTransport":"true"}}}}""";

    private static SelfSignedCertificate certificate;
    private static DatabaseSettings database;
    private static IssuerService issuer;
    private static URI endpoint;
    private static Path adminTokenFile;

    @BeforeAll
    static void startOverHttps() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-");
        certificate = SelfSignedCertificate.create(home, "issuer");
        database = new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_tls"), "postgres", "postgres", 4);
        int port = FreePorts.next();
        adminTokenFile = home.resolve("admin-token");
        issuer = IssuerService.start(new IssuerSettings("127.0.0.1", port, database,
                KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"),
                home.resolve("admin-token"), Duration.ofSeconds(30), true, new TlsSettings(certificate.keystore(), certificate.password())),
                Clock.systemUTC());
        endpoint = URI.create("https://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static TlsTrust trust() {
        return new TlsTrust(certificate.certificate(), "");
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> {
            try {
                return trust().trustManagers();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).build();
    }

    private static StsClient sts(AwsBasicCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(AwsBasicCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static AwsBasicCredentials root(NewAccount account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    /** A user of the account whose only policy is {@link #TLS_ONLY}. */
    private static AwsBasicCredentials tlsOnlyUser(NewAccount account) {
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("tls-only"));
        rootIam.putUserPolicy(r -> r.userName("tls-only").policyName("tls-only").policyDocument(TLS_ONLY));
        var key = rootIam.createAccessKey(r -> r.userName("tls-only")).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void callWhenOverHttpsThenAnsweredAndRecordedWithTlsDetails() throws Exception {
        NewAccount account = issuer.accounts().create("tls");

        String arn = sts(root(account)).getCallerIdentity().arn();

        assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
        List<ApiCallRecorded> calls = new ArrayList<>();
        try (EventStoreDatabase store = EventStoreDatabase.open(database, "tls-test")) {
            AxonConfiguration.replay(store.dataSource(), payload -> {
                if (payload instanceof ApiCallRecorded call && call.eventName().equals("GetCallerIdentity")
                        && account.accountId().equals(call.recipientAccountId())) {
                    calls.add(call);
                }
            });
        }
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.tlsDetails().tlsVersion()).isEqualTo("TLSv1.3");
            assertThat(call.tlsDetails().cipherSuite()).startsWith("TLS_");
            assertThat(call.tlsDetails().clientProvidedHostHeader()).isEqualTo("127.0.0.1:" + endpoint.getPort());
            assertThat(Json.mapper().writeValueAsString(call)).doesNotContain(account.secretAccessKey());
        });
    }

    @Test
    void iamCallWhenPolicyAllowsOnlyOverSecureTransportAndCallIsOverHttpsThenAllowed() {
        NewAccount account = issuer.accounts().create("tls-iam");
        AwsBasicCredentials user = tlsOnlyUser(account);

        var users = iam(user).listUsers().users();

        assertThat(users).extracting(u -> u.userName()).containsExactly("tls-only");
    }

    @Test
    void managementListenerWhenTheIssuerServesHttpsThenTheAdminApiAndMetricsAnswerOverHttpsOnly() throws Exception {
        URI management = URI.create("https://127.0.0.1:" + issuer.managementPort());
        String token = Files.readString(adminTokenFile).strip();

        try (var client = trust().httpClient().build()) {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(management.resolve("/mayfly/admin/accounts"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"tls-admin\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(management.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(metrics.statusCode()).isEqualTo(200);
        }
        try (HttpClient plain = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.managementPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP to the management port").isInstanceOf(IOException.class);
        }
    }

    @Test
    void authorizeWhenPolicyAllowsOnlyOverSecureTransportThenAllowedOnlyWhenTheAskingServiceReceivedTheRequestOverTls()
            throws Exception {
        NewAccount account = issuer.accounts().create("tls-authorize");
        AwsBasicCredentials user = tlsOnlyUser(account);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://127.0.0.1:7072/mayfly/rules")).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(user).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.putIfAbsent("Host", List.of("127.0.0.1:7072"));

        String overTls = authorize(headers, true);
        String overPlainHttp = authorize(headers, false);

        assertThat(overTls).contains("\"allowed\":true");
        assertThat(overPlainHttp).contains("\"allowed\":false").contains("AccessDenied");
    }

    private static String authorize(Map<String, List<String>> headers, boolean secureTransport) throws Exception {
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.putAll(Map.of("method", "GET", "path", "/mayfly/rules", "headers", headers, "service", "iam", "action", "iam:ListUsers",
                "resource", "*"));
        asked.put("secureTransport", secureTransport);
        try (var client = trust().httpClient().build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(endpoint.resolve("/mayfly/authorize"))
                    .header("Authorization", issuer.serviceCredential("revocation").header())
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(asked))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return answer.body();
        }
    }
}
