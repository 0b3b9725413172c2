package dev.mayfly.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * docker-compose.yml's topology, in containers: PostgreSQL, Kafka and Elasticsearch built from Debian packages and
 * Maven Central jars, Mayfly's Jib image running keys init, three issuers on one database, init, the audit and the
 * revocation services, every one configured by its environment in the compose file and given the key-encryption key as
 * the compose secret (a key of this test's own, owned by the image's user as the operator's must be). An AWS SDK client
 * does AssumeRole through each issuer in turn; the first issuer, the one the audit and revocation services list first,
 * is killed; the others go on, the audit service asks them instead, and every call that was answered is in the audit
 * trail. Last, the digest ring is rotated as README.md says, through the keys service.
 */
class ContainerTopologyTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    /** The image's mayfly user (docker/images/java/Dockerfile), who alone may read the key-encryption key. */
    private static final int MAYFLY_UID = 10001;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}""";
    private static final String USER_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""";

    @Test
    void composeTopologyWhenAnIssuerIsKilledThenTheOthersIssueAndTheAuditTrailIsComplete() throws Exception {
        requireDockerEngine();
        LocalImages.loadMayfly(CHECKOUT.resolve("mayfly-image/target/mayfly-image.tar"));
        Map<String, String> images = LocalImages.infrastructure(CHECKOUT, CHECKOUT.resolve("container-tests/target/infrastructure-lib"));
        Map<String, Path> secrets = Map.of("key-encryption-key", keyEncryptionKey());
        try (ComposeTopology topology = new ComposeTopology(ComposeFile.read(CHECKOUT.resolve("docker-compose.yml")), images, secrets)) {
            topology.startTogether(topology.healthchecked("postgres", 5432),
                    // apache/kafka's and Elasticsearch's healthchecks call tools of those images; these wait as they do
                    topology.service("kafka", 9092, Wait.forListeningPort()),
                    topology.service("elasticsearch", 9200, Wait.forHttp("/_cluster/health").forPort(9200).forStatusCode(200)));
            // the rings before any issuer, which refuses to start without them
            assertThat(topology.run("keys")).contains("key rings on mayfly.keys under key-encryption key kek-");
            GenericContainer<?> issuer = topology.healthchecked("issuer", 7070);
            topology.startTogether(issuer);

            JsonNode first = firstAccount(topology.run("init"));
            AwsCredentials root = AwsBasicCredentials.create(first.path("AccessKeyId").asText(), first.path("SecretAccessKey").asText());
            AccessKey key;
            String roleArn;
            try (IamClient iam = client(IamClient.builder(), url(issuer, 7070), Region.AWS_GLOBAL, root)) {
                String arn = iam.createRole(r -> r.roleName("deployer")
                        .assumeRolePolicyDocument(ROLE_POLICY.formatted(first.path("AccountId").asText()))).role().arn();
                iam.createUser(r -> r.userName("ci"));
                iam.putUserPolicy(r -> r.userName("ci").policyName("assume").policyDocument(USER_POLICY.formatted(arn)));
                roleArn = arn;
                key = iam.createAccessKey(r -> r.userName("ci")).accessKey();
            }
            AwsCredentials ci = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());

            // the others, once the account is made: issuers read IAM's state from the store when they start
            List<GenericContainer<?>> issuers = List.of(issuer, topology.healthchecked("issuer-2", 7070), topology.healthchecked("issuer-3", 7070));
            GenericContainer<?> audit = topology.healthchecked("audit", 7071);
            topology.startTogether(issuers.get(1), issuers.get(2), topology.healthchecked("revocation", 7072), audit);

            Set<String> answered = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                for (GenericContainer<?> each : issuers) {
                    answered.add(assumeRole(url(each, 7070), ci, roleArn, "round-" + round));
                }
            }
            URI killed = url(issuers.get(0), 7070);
            topology.kill("issuer");
            assertThatThrownBy(() -> assumeRole(killed, ci, roleArn, "to-the-dead")).isInstanceOf(SdkClientException.class);
            for (int round = 0; round < 3; round++) {
                answered.add(assumeRole(url(issuers.get(1), 7070), ci, roleArn, "after-" + round));
                answered.add(assumeRole(url(issuers.get(2), 7070), ci, roleArn, "after-" + round));
            }

            assertThat(answered).hasSize(15);
            // LookupEvents is authorized by an issuer: the audit service's first is dead, the next answers
            try (CloudTrailClient cloudTrail = client(CloudTrailClient.builder(), url(audit, 7071), Region.US_EAST_1, root)) {
                assertThat(eventuallyRecorded(cloudTrail, answered, Duration.ofSeconds(90))).containsAll(answered);
            }

            // README's rotation, through the keys service and its secret: the digest ring gets a new key, the old one kept
            String rotation = topology.run("keys", "keys", "rotate", "audit-digest-signing");
            Matcher rotated = Pattern.compile("audit-digest-signing rotated: (\\S+) -> (\\S+) \\(generation 2; keys (.*)\\)").matcher(rotation);
            assertThat(rotated.find()).as(rotation).isTrue();
            assertThat(rotated.group(3)).isEqualTo(rotated.group(1) + ", " + rotated.group(2));
        }
    }

    /** Skipped where no Docker engine answers, but never under CI=true: there .ci/run starts one, and this must run. */
    private static void requireDockerEngine() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available && "true".equals(System.getenv("CI"))) {
            fail("CI=true and no Docker engine answers: .ci/run starts one (dockerd) before ./mayfly test");
        }
        assumeTrue(available, "no Docker engine answers: the container topology is not tested here");
    }

    /**
     * A key-encryption key of this test's own, made as README.md says the operator's is: 32 random bytes, base64,
     * owner-only, owned by the image's user (this needs root, as the Docker engine does).
     */
    private static Path keyEncryptionKey() throws IOException {
        Path directory = Files.createTempDirectory(CHECKOUT.resolve("container-tests/target"), "secrets-");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = directory.resolve("key-encryption.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try {
            Files.setAttribute(file, "unix:uid", MAYFLY_UID);
        } catch (IOException e) {
            throw new IOException("the key-encryption key must belong to the image's user (uid " + MAYFLY_UID + "), as the"
                    + " operator's does (sudo chown " + MAYFLY_UID + "): run the container tests as root", e);
        }
        return file;
    }

    private static JsonNode firstAccount(String initOutput) throws Exception {
        for (String line : initOutput.lines().toList()) {
            if (line.strip().startsWith("{") && line.contains("\"SecretAccessKey\"")) {
                return JSON.readTree(line.strip());
            }
        }
        throw new AssertionError("init printed no account (its output is not shown: it would hold a key)");
    }

    /** AssumeRole through one issuer; answers the request id its answer carried. */
    private static String assumeRole(URI issuer, AwsCredentials ci, String roleArn, String sessionName) {
        try (StsClient sts = client(StsClient.builder(), issuer, Region.US_EAST_1, ci)) {
            return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)).responseMetadata().requestId();
        }
    }

    /** The request ids of AssumeRole records among the wanted ones, once all are there or the time is up. */
    private static Set<String> eventuallyRecorded(CloudTrailClient cloudTrail, Set<String> wanted, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        Set<String> recorded = new HashSet<>();
        while (true) {
            recorded.clear();
            String token = null;
            do {
                String page = token;
                var response = cloudTrail.lookupEvents(r -> r.maxResults(50).nextToken(page)
                        .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("AssumeRole")));
                for (Event event : response.events()) {
                    recorded.add(JSON.readTree(event.cloudTrailEvent()).path("requestID").asText());
                }
                token = response.nextToken();
            } while (token != null);
            if (recorded.containsAll(wanted) || Instant.now().isAfter(deadline)) {
                return recorded;
            }
            Thread.sleep(1000);
        }
    }

    private static URI url(GenericContainer<?> container, int port) {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(port));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, URI endpoint, Region region, AwsCredentials credentials) {
        return builder.endpointOverride(endpoint).region(region).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }
}
