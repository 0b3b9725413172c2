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
 * docker-compose.yml is not run here (no Docker engine on the build machines), so this reads it: every
 * service is there, and each Mayfly service's environment, fed to its own settings class, points it at the
 * compose network's Kafka, PostgreSQL, Elasticsearch and issuer, listening on all interfaces.
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

    @Test
    void composeWhenParsedThenHasInfrastructureAndThreeServices() {
        assertThat(COMPOSE.path("services").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("postgres", "kafka", "elasticsearch", "issuer", "audit", "revocation");
        for (String service : new String[] {"issuer", "audit", "revocation"}) {
            assertThat(COMPOSE.path("services").path(service).path("build").path("args").path("MAIN").asText())
                    .as(service).startsWith("dev.mayfly.");
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
        assertThat(audit.issuerUrl()).isEqualTo("http://issuer:7070");
        assertThat(audit.host()).isEqualTo("0.0.0.0");
        RevocationSettings revocation = RevocationSettings.from(environment("revocation"));
        assertThat(revocation.database().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/mayfly_revocation");
        assertThat(revocation.issuerUrl()).isEqualTo("http://issuer:7070");
        assertThat(revocation.port()).isEqualTo(7072);
    }

    @Test
    void managementListenersWhenConfiguredByComposeThenPublishedOnTheHostsLoopbackOnly() {
        Map<String, Integer> ports = Map.of("issuer", IssuerSettings.from(environment("issuer")).management().port(),
                "audit", AuditSettings.from(environment("audit")).management().port(),
                "revocation", RevocationSettings.from(environment("revocation")).management().port());
        assertThat(ports).isEqualTo(Map.of("issuer", 8070, "audit", 8071, "revocation", 8072));
        ports.forEach((service, port) -> {
            List<String> published = new ArrayList<>();
            COMPOSE.path("services").path(service).path("ports").forEach(p -> published.add(p.asText()));
            assertThat(published).as(service).contains("127.0.0.1:" + port + ":" + port)
                    .noneMatch(p -> p.endsWith(":" + port) && !p.startsWith("127.0.0.1:"));
        });
    }
}
