package dev.mayfly.issuer;

import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.runtime.net.AddressPolicy;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** One issuer per test JVM, on the shared embedded infrastructure, with AWS SDK clients for it. */
final class IssuerFixture {

    private static IssuerService issuer;
    private static IssuerService secondIssuer;
    private static String database;
    private static Path home;

    private IssuerFixture() {
    }

    static synchronized IssuerService issuer() {
        if (issuer == null) {
            try {
                home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "issuer-");
                database = "issuer_test";
                issuer = IssuerService.start(settings(), Clock.systemUTC());
                SharedInfrastructure.closeFirst(issuer);
            } catch (Exception e) {
                throw new IllegalStateException("issuer did not start", e);
            }
        }
        return issuer;
    }

    /** Another issuer process on the same database, broker and keys, as a deployment runs several behind one address. */
    static synchronized IssuerService secondIssuer() {
        issuer();
        if (secondIssuer == null) {
            try {
                secondIssuer = IssuerService.start(settings(), Clock.systemUTC());
                SharedInfrastructure.closeFirst(secondIssuer);
            } catch (Exception e) {
                throw new IllegalStateException("the second issuer did not start", e);
            }
        }
        return secondIssuer;
    }

    /**
     * Another issuer process on the same database, broker and keys, told that clients reach it at this public URL (a TLS
     * terminator in front of it); closed with the shared infrastructure.
     */
    static IssuerService issuerBehind(URI publicUrl) throws Exception {
        issuer();
        IssuerService behind = IssuerService.start(settings().withPublicUrl(publicUrl), Clock.systemUTC());
        SharedInfrastructure.closeFirst(behind);
        return behind;
    }

    private static IssuerSettings settings() {
        return new IssuerSettings("127.0.0.1", FreePorts.next(),
                        new DatabaseSettings(SharedInfrastructure.postgres().database(database), "postgres", "postgres", 8),
                        KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3,
                        home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"), IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true)
                        // the tests' identity providers answer on 127.0.0.1
                        .withOidcAddresses(AddressPolicy.allowingPrivate());
    }

    /** The key ring file the issuer seals session tokens with (tests seal claims of their own with it). */
    static Path tokenKeysFile() {
        issuer();
        return home.resolve("token.keys");
    }

    /** Activates or deactivates STS in a region for an account, through the operator's admin endpoint. */
    static java.net.http.HttpResponse<String> setStsRegion(String accountId, String region, boolean active) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(managementEndpoint() + "/mayfly/admin/sts-regions"))
                .header("Authorization", "Bearer " + adminToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"AccountId":"%s","Region":"%s","Active":%s}""".formatted(accountId, region, active))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Rotates an account's root key through the operator's admin endpoint; previous: Deactivate, Delete or KeepActive. */
    static java.net.http.HttpResponse<String> rotateRootKey(String accountId, String previous) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(managementEndpoint() + "/mayfly/admin/root-keys/rotate"))
                .header("Authorization", "Bearer " + adminToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"AccountId":"%s","Previous":"%s"}""".formatted(accountId, previous))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static String jdbcUrl() {
        issuer();
        return SharedInfrastructure.postgres().jdbcUrl(database);
    }

    /** The stored events (API calls and aggregates' events) whose JSON contains the given text. */
    static List<String> storedEventsContaining(String text) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload, meta_data FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0"
                             + " OR position(? in convert_from(coalesce(meta_data, ''::bytea), 'UTF8')) > 0")) {
            select.setString(1, text);
            select.setString(2, text);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
                }
            }
        }
        return found;
    }

    static String adminToken() throws java.io.IOException {
        return Files.readString(adminTokenFile()).strip();
    }

    static Path adminTokenFile() {
        issuer();
        return home.resolve("admin-token");
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + issuer().port());
    }

    /** The management listener: the admin API and /metrics. */
    static URI managementEndpoint() {
        return URI.create("http://127.0.0.1:" + issuer().managementPort());
    }

    static NewAccount newAccount(String name) {
        return issuer().accounts().create(name);
    }

    static AwsCredentials credentials(String accessKeyId, String secret) {
        return AwsBasicCredentials.create(accessKeyId, secret);
    }

    static AwsCredentials credentials(Credentials session) {
        return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    }

    static AwsCredentials root(NewAccount account) {
        return credentials(account.accessKeyId(), account.secretAccessKey());
    }

    /** A user with an access key, and a role whose trust policy names that user. */
    record UserAndRole(AwsCredentials user, String roleArn) {
    }

    static UserAndRole userWhoMayAssume(NewAccount account, String userName, String roleName) {
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName(userName));
        var key = rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
        rootIam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/%s"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId(), userName)));
        return new UserAndRole(credentials(key.accessKeyId(), key.secretAccessKey()),
                "arn:aws:iam::" + account.accountId() + ":role/" + roleName);
    }

    static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    static IamClient iam(AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }
}
