package dev.mayfly.issuer.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.StoredRing;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    @TempDir
    Path home;

    @Test
    void admittedWhenMadeByTheRingsCurrentKeyThenTheServicesName() {
        ServiceCredentials credentials = ServiceCredentials.ofRing(DeploymentRing.SERVICE_CREDENTIALS.fresh(NOW).keys());

        assertThat(credentials.admitted(credentials.of("audit").header())).contains("audit");
    }

    @Test
    void admittedWhenNameChangedOrTokenForgedThenEmpty() {
        ServiceCredentials credentials = ServiceCredentials.ofRing(DeploymentRing.SERVICE_CREDENTIALS.fresh(NOW).keys());
        ServiceCredential audit = credentials.of("audit");

        assertThat(credentials.admitted(new ServiceCredential("revocation", audit.token()).header())).isEmpty();
        assertThat(credentials.admitted(new ServiceCredential("audit", "0".repeat(64)).header())).isEmpty();
        assertThat(credentials.admitted("Bearer " + audit.token())).isEmpty();
    }

    @Test
    void admittedWhenRingRotatedThenOldCredentialsStillAdmittedAndNewOnesMadeWithTheNewKey() {
        StoredRing ring = DeploymentRing.SERVICE_CREDENTIALS.fresh(NOW);
        ServiceCredentials credentials = ServiceCredentials.ofRing(ring.keys());
        ServiceCredential before = credentials.of("audit");
        String oldKey = credentials.currentKeyId();

        credentials.use(DeploymentRing.SERVICE_CREDENTIALS.rotated(ring, NOW.plusSeconds(60)).keys());

        assertThat(credentials.currentKeyId()).isNotEqualTo(oldKey);
        assertThat(credentials.of("audit")).isNotEqualTo(before);
        assertThat(credentials.admitted(before.header())).as("made by the retired key").contains("audit");
        assertThat(credentials.admitted(credentials.of("audit").header())).contains("audit");
    }

    @Test
    void admittedWhenRingReplacedThenEveryEarlierCredentialWithdrawn() {
        StoredRing ring = DeploymentRing.SERVICE_CREDENTIALS.fresh(NOW);
        ServiceCredentials credentials = ServiceCredentials.ofRing(ring.keys());
        ServiceCredential before = credentials.of("audit");

        credentials.use(DeploymentRing.SERVICE_CREDENTIALS.replacement(ring, NOW.plusSeconds(60)).keys());

        assertThat(credentials.admitted(before.header())).isEmpty();
    }

    @Test
    void fileAsRingWhenALoneIssuersKeyIsImportedThenItsCredentialsStayValid() throws Exception {
        ServiceCredentials fromFile = ServiceCredentials.inFile(home.resolve("service-credentials.key"));

        ServiceCredentials imported = ServiceCredentials.ofRing(
                DeploymentRing.SERVICE_CREDENTIALS.imported(ServiceCredentials.fileAsRing(home.resolve("service-credentials.key"))).keys());

        assertThat(imported.of("revocation")).isEqualTo(fromFile.of("revocation"));
    }
}
