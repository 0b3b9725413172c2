package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.TlsSettings;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** The issuer over HTTPS: the AWS SDK calls it, and each call's record carries CloudTrail's tlsDetails. */
class TlsTest {

    private static final String PASSWORD = "changeit";

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private static Path keystore(Path dir) throws Exception {
        Path file = dir.resolve("issuer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "issuer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        return file;
    }

    private static StsClient sts(URI endpoint, Path keystore, AwsBasicCredentials credentials) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    @Test
    void callWhenOverHttpsThenAnsweredAndRecordedWithTlsDetails() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-");
        Path keystore = keystore(home);
        DatabaseSettings database = new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_tls"), "postgres", "postgres", 4);
        int port = FreePorts.next();
        IssuerService issuer = IssuerService.start(new IssuerSettings("127.0.0.1", port, database,
                KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"),
                home.resolve("admin-token"), Duration.ofSeconds(30), true, new TlsSettings(keystore, PASSWORD)), Clock.systemUTC());
        try {
            var account = issuer.accounts().create("tls");
            var credentials = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());

            String arn = sts(URI.create("https://127.0.0.1:" + port), keystore, credentials).getCallerIdentity().arn();

            assertThat(arn).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
            List<ApiCallRecorded> calls = new ArrayList<>();
            try (EventStoreDatabase store = EventStoreDatabase.open(database, "tls-test")) {
                AxonConfiguration.replay(store.dataSource(), payload -> {
                    if (payload instanceof ApiCallRecorded call && call.eventName().equals("GetCallerIdentity")) {
                        calls.add(call);
                    }
                });
            }
            assertThat(calls).singleElement().satisfies(call -> {
                assertThat(call.tlsDetails().tlsVersion()).isEqualTo("TLSv1.3");
                assertThat(call.tlsDetails().cipherSuite()).startsWith("TLS_");
                assertThat(call.tlsDetails().clientProvidedHostHeader()).isEqualTo("127.0.0.1:" + port);
                assertThat(Json.mapper().writeValueAsString(call)).doesNotContain(account.secretAccessKey());
            });
        } finally {
            issuer.close();
        }
    }
}
