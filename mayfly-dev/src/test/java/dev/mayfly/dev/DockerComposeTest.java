package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml read, not run (container-tests runs its topology where a Docker engine answers): every service is
 * there, each Mayfly service's environment, fed to its own settings class, points it at the compose network's Kafka,
 * PostgreSQL, Elasticsearch and issuer, listening on all interfaces, and what must survive a container (Kafka's log,
 * every key) is on a volume.
 */
class DockerComposeTest {

    private static final JsonNode COMPOSE = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("..", "docker-compose.yml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service's environment, with ${VAR:-default} resolved to its default. */
    private static Settings environment(String service) {
        Map<String, String> env = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = COMPOSE.path("services").path(service).path("environment").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            env.put(entry.getKey(), entry.getValue().asText().replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1"));
        }
        return Settings.of(env);
    }

    private static final List<String> LONG_RUNNING = List.of("postgres", "kafka", "elasticsearch", "issuer", "issuer-2", "issuer-3",
            "audit", "revocation");

    private static JsonNode service(String name) {
        return COMPOSE.path("services").path(name);
    }

    /** The container paths of the service's named volumes (not files of the checkout), read-only ones included. */
    private static List<Path> volumeTargets(String service) {
        List<Path> targets = new ArrayList<>();
        service(service).path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
                targets.add(Path.of(parts[1]));
            }
        });
        return targets;
    }

    private static boolean onVolume(String service, Path file) {
        return volumeTargets(service).stream().anyMatch(file::startsWith);
    }

    @Test
    void composeWhenParsedThenHasInfrastructureThreeIssuersInitAndTheOtherServices() {
        assertThat(COMPOSE.path("services").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("postgres", "kafka", "elasticsearch", "keys", "issuer", "issuer-2", "issuer-3", "init", "audit",
                        "revocation");
        Map<String, String> commands = new HashMap<>();
        for (String mayfly : List.of("keys", "issuer", "issuer-2", "issuer-3", "init", "audit", "revocation")) {
            assertThat(service(mayfly).path("image").asText()).as(mayfly).startsWith("mayfly/mayfly:");
            commands.put(mayfly, service(mayfly).path("command").get(0).asText());
        }
        assertThat(commands).isEqualTo(Map.of("keys", "keys", "issuer", "issuer", "issuer-2", "issuer", "issuer-3", "issuer",
                "init", "init", "audit", "audit", "revocation", "revocation"));
    }

    @Test
    void servicesWhenComposedThenEachLongRunningOneHasAHealthcheckAndIsRestartedAndInitRunsOnce() {
        for (String name : LONG_RUNNING) {
            assertThat(service(name).path("healthcheck").path("test").isArray()).as(name).isTrue();
            assertThat(service(name).path("restart").asText()).as(name).isEqualTo("unless-stopped");
        }
        for (String oneShot : List.of("keys", "init")) {
            assertThat(service(oneShot).path("restart").asText()).as(oneShot).isEqualTo("on-failure");
            assertThat(service(oneShot).has("healthcheck")).as(oneShot).isFalse();
        }
        // an issuer given a key-encryption key refuses to start without the rings: keys init runs before the first
        assertThat(service("keys").path("command").toString()).isEqualTo("[\"keys\",\"init\"]");
        assertThat(service("issuer").path("depends_on").path("keys").path("condition").asText()).isEqualTo("service_completed_successfully");
        for (String after : List.of("issuer-2", "issuer-3", "audit", "revocation")) {
            assertThat(service(after).path("depends_on").path("init").path("condition").asText()).as(after)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void keyEncryptionKeyWhenComposedThenEveryServiceWithKeysReadsTheOneSecretFileNeverCommitted() throws IOException {
        JsonNode secret = COMPOSE.path("secrets").path("key-encryption-key");
        assertThat(secret.path("file").asText()).isEqualTo("./secrets/key-encryption.key");
        assertThat(Files.readAllLines(Path.of("..", ".gitignore"))).contains("/secrets/");
        // init too: it makes the services' credentials from the deployment's service-credentials ring
        for (String name : List.of("keys", "init", "issuer", "issuer-2", "issuer-3", "audit", "revocation")) {
            assertThat(service(name).path("secrets").toString()).as(name).isEqualTo("[\"key-encryption-key\"]");
            assertThat(service(name).path("environment").path("MAYFLY_KEY_ENCRYPTION_KEY_FILE").asText()).as(name)
                    .isEqualTo("/run/secrets/key-encryption-key");
            assertThat(service(name).path("environment").has("MAYFLY_KEY_ENCRYPTION_KEY")).as(name + ": never the key itself").isFalse();
        }
        assertThat(IssuerSettings.from(environment("issuer")).keyEncryptionKey().file()).isEqualTo(Path.of("/run/secrets/key-encryption-key"));
        // keys init finds the key files of a deployment from before the KEK where the services kept them, to import them
        AuditSettings auditSeen = AuditSettings.from(environment("audit"));
        AuditSettings auditFromKeys = AuditSettings.from(environment("keys"));
        assertThat(volumeOf("keys", auditFromKeys.integrity().signingKeyFile())).isEqualTo(volumeOf("audit", auditSeen.integrity().signingKeyFile()));
        assertThat(volumeOf("keys", auditFromKeys.signingKeysFile())).isEqualTo(volumeOf("audit", auditSeen.signingKeysFile()));
        RevocationSettings revocationFromKeys = RevocationSettings.from(environment("keys"));
        assertThat(volumeOf("keys", revocationFromKeys.signingKeysFile()))
                .isEqualTo(volumeOf("revocation", RevocationSettings.from(environment("revocation")).signingKeysFile()));
        assertThat(volumeOf("keys", IssuerSettings.from(environment("keys")).tokenKeysFile()))
                .isEqualTo(volumeOf("issuer", IssuerSettings.from(environment("issuer")).tokenKeysFile()));
        // the admin token keys init makes once is where every issuer reads it
        assertThat(service("keys").path("volumes").toString()).as("written by keys").contains("\"issuer-home:/var/lib/mayfly\"");
        for (String issuer : List.of("issuer", "issuer-2", "issuer-3")) {
            assertThat(volumeOf("keys", IssuerSettings.from(environment("keys")).adminTokenFile()))
                    .isEqualTo(volumeOf(issuer, IssuerSettings.from(environment(issuer)).adminTokenFile()));
        }
    }

    @Test
    void kafkaWhenComposedThenItsLogIsOnItsVolume() {
        String logDirs = service("kafka").path("environment").path("KAFKA_LOG_DIRS").asText();
        assertThat(logDirs).isNotEmpty();
        for (String dir : logDirs.split(",")) {
            assertThat(onVolume("kafka", Path.of(dir))).as(dir).isTrue();
        }
    }

    @Test
    void keysWhenComposedThenEveryServicesKeysAreOnVolumesAndInitWritesWhereTheyReadThem() {
        IssuerSettings issuer = IssuerSettings.from(environment("issuer"));
        for (Path key : List.of(issuer.tokenKeysFile(), issuer.vaultKeysFile(), issuer.adminTokenFile(), issuer.serviceCredentialsKeyFile())) {
            assertThat(onVolume("issuer", key)).as(key.toString()).isTrue();
        }
        AuditSettings audit = AuditSettings.from(environment("audit"));
        assertThat(onVolume("audit", audit.integrity().signingKeyFile())).isTrue();
        assertThat(onVolume("audit", audit.revocationPublicKeysFile())).isTrue();
        RevocationSettings revocation = RevocationSettings.from(environment("revocation"));
        assertThat(onVolume("revocation", revocation.signingKeysFile())).isTrue();
        // the revocation service's public keys, read where it writes them, through its volume
        assertThat(volumeOf("audit", audit.revocationPublicKeysFile())).isEqualTo(volumeOf("revocation", revocation.signingPublicKeysFile()));
        assertThat(volumeOf("issuer", issuer.revocationPublicKeysFile())).isEqualTo(volumeOf("revocation", revocation.signingPublicKeysFile()));
        assertThat(issuer.revocationPublicKeysFile()).isEqualTo(audit.revocationPublicKeysFile());
        // init writes the credentials into the directories the services read them from, through the same volumes
        Map<String, String> init = new HashMap<>();
        service("init").path("environment").properties().forEach(e -> init.put(e.getKey(), e.getValue().asText()));
        assertThat(volumeOf("init", Path.of(init.get("MAYFLY_INIT_AUDIT_KEYS_DIR")))).isEqualTo(volumeOf("audit", audit.serviceCredentialFile()));
        assertThat(volumeOf("init", Path.of(init.get("MAYFLY_INIT_REVOCATION_KEYS_DIR"))))
                .isEqualTo(volumeOf("revocation", revocation.serviceCredentialFile()));
        assertThat(volumeOf("init", Path.of(init.get("MAYFLY_HOME")))).isEqualTo(volumeOf("issuer", issuer.adminTokenFile()));
    }

    /** The named volume holding a path of a service's container. */
    private static String volumeOf(String service, Path file) {
        for (JsonNode volume : service(service).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (file.startsWith(Path.of(parts[1]))) {
                return parts[0];
            }
        }
        return "none";
    }

    @Test
    void issuersWhenComposedThenAllThreeShareEnvironmentKeysAndDatabase() {
        for (String other : List.of("issuer-2", "issuer-3")) {
            assertThat(service(other).path("environment")).as(other).isEqualTo(service("issuer").path("environment"));
            assertThat(service(other).path("volumes")).as(other).isEqualTo(service("issuer").path("volumes"));
        }
    }

    @Test
    void issuerWhenConfiguredByComposeThenUsesComposeInfrastructure() {
        IssuerSettings issuer = IssuerSettings.from(environment("issuer"));
        assertThat(issuer.host()).isEqualTo("0.0.0.0");
        assertThat(issuer.port()).isEqualTo(7070);
        assertThat(issuer.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(issuer.database().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/mayfly_issuer");
        assertThat(issuer.database().user()).isEqualTo("mayfly");
        assertThat(issuer.tokenKeysFile()).isEqualTo(Path.of("/var/lib/mayfly/keys/session-token.keys"));
        assertThat(COMPOSE.path("services").path("issuer").path("volumes").get(0).asText()).endsWith(":/var/lib/mayfly");
    }

    @Test
    void auditAndRevocationWhenConfiguredByComposeThenReachIssuerAndInfrastructure() {
        AuditSettings audit = AuditSettings.from(environment("audit"));
        assertThat(audit.elasticsearch().hosts()).containsExactly(java.net.URI.create("http://elasticsearch:9200"));
        // every issuer, tried in turn when one cannot be reached
        assertThat(audit.issuerUrl()).isEqualTo("http://issuer:7070,http://issuer-2:7070,http://issuer-3:7070");
        assertThat(audit.host()).isEqualTo("0.0.0.0");
        RevocationSettings revocation = RevocationSettings.from(environment("revocation"));
        assertThat(revocation.database().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/mayfly_revocation");
        assertThat(revocation.issuerUrl()).isEqualTo(audit.issuerUrl());
        assertThat(revocation.port()).isEqualTo(7072);
    }

    @Test
    void managementListenersWhenConfiguredByComposeThenPublishedOnTheHostsLoopbackOnly() {
        Map<String, Integer> ports = Map.of("issuer", IssuerSettings.from(environment("issuer")).management().port(),
                "issuer-2", IssuerSettings.from(environment("issuer-2")).management().port(),
                "issuer-3", IssuerSettings.from(environment("issuer-3")).management().port(),
                "audit", AuditSettings.from(environment("audit")).management().port(),
                "revocation", RevocationSettings.from(environment("revocation")).management().port());
        assertThat(ports).isEqualTo(Map.of("issuer", 8070, "issuer-2", 8070, "issuer-3", 8070, "audit", 8071, "revocation", 8072));
        ports.forEach((service, port) -> {
            List<String> published = new ArrayList<>();
            COMPOSE.path("services").path(service).path("ports").forEach(p -> published.add(p.asText()));
            assertThat(published).as(service).anyMatch(p -> p.startsWith("127.0.0.1:") && p.endsWith(":" + port))
                    .noneMatch(p -> p.endsWith(":" + port) && !p.startsWith("127.0.0.1:"));
        });
    }
}
