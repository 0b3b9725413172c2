package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.MayflyVersion;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import dev.mayfly.cli.ClusterMembers;
import dev.mayfly.cli.ClusterMembers.Member;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ./mayfly status against the test platform's three services, and against nothing. */
class StatusCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int status(Settings settings, String... args) {
        return MayflyCli.run(Stream.concat(Stream.of("status"), Arrays.stream(args)).toArray(String[]::new), settings,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void statusWhenAllServicesRunThenEachIsUpWithItsVersionAndKeyIdsAndExitIsZero() throws Exception {
        int exit = status(Settings.of(Platform.get().managementUrls()), "--json");

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode services = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(services).extracting(service -> service.path("service").asText()).containsExactly("issuer", "audit", "revocation");
        for (JsonNode service : services) {
            assertThat(service.path("status").asText()).as(service.toString()).isIn("UP", "DEGRADED");
            assertThat(service.path("version").asText()).isEqualTo(MayflyVersion.current()).isNotBlank();
        }
        assertThat(services.get(0).path("keysInUse").properties()).extracting(Map.Entry::getKey)
                .containsExactly("credential-vault", "issuer-signing", "service-credentials", "session-token");
        assertThat(services.get(1).path("keysInUse").properties()).extracting(Map.Entry::getKey)
                .containsExactly("audit-digest-signing", "audit-feed-signing");
        assertThat(services.get(2).path("keysInUse").properties()).extracting(Map.Entry::getKey)
                .containsExactly("revocation-signing");
        // ids, never keys: a key id is short, and the digest key is named by its public key's SHA-256
        services.forEach(service -> service.path("keysInUse").forEach(id -> assertThat(id.asText()).matches("[0-9a-z]{1,64}")));
    }

    @Test
    void statusWhenNothingListensThenSaysSoForEachServiceAndExitIsOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;

        int exit = status(Settings.of(Map.of("MAYFLY_ISSUER_MANAGEMENT_URL", nowhere, "MAYFLY_AUDIT_MANAGEMENT_URL", nowhere,
                "MAYFLY_REVOCATION_MANAGEMENT_URL", nowhere)));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("UNREACHABLE")))
                .hasSize(3).allMatch(line -> line.contains(nowhere));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is ./mayfly dev running?");
    }

    @Test
    void statusWhenGivenAnUnknownOptionThenPrintsUsageAndExitIsTwo() {
        assertThat(status(Settings.of(Map.of()), "--yaml")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./mayfly status [--json]");
    }

    @Test
    void statusWhenAClusterRunsOnTheHomeThenShowsEachIssuerAndExitIsOneWhenOneIsDown() throws IOException {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "status-cluster-");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI issuerManagement = URI.create(Platform.get().managementUrls().get("MAYFLY_ISSUER_MANAGEMENT_URL"));
        ClusterMembers.write(home, List.of(new Member("issuer-1", 1, Platform.get().issuerUrl(), issuerManagement),
                new Member("issuer-2", 2, URI.create("http://127.0.0.1:" + closedPort), URI.create("http://127.0.0.1:" + closedPort))));
        Map<String, String> settings = new HashMap<>(Platform.get().managementUrls());
        settings.put("MAYFLY_HOME", home.toString());

        int exit = status(Settings.of(settings));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith(" ")))
                .satisfiesExactly(line -> assertThat(line).startsWith("issuer-1").contains("UP"),
                        line -> assertThat(line).startsWith("issuer-2").contains("UNREACHABLE"),
                        line -> assertThat(line).startsWith("audit"), line -> assertThat(line).startsWith("revocation"));
    }
}
