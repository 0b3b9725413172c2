package dev.mayfly.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What clients trust; a truststore that cannot be used stops a service at start, naming the file. */
class TlsTrustTest {

    @Test
    void fromWhenNoTruststoreSetThenPublicCasAndTheJdksDefaultContext() throws Exception {
        TlsTrust trust = TlsTrust.from(Settings.of(Map.of()));

        assertThat(trust).isEqualTo(TlsTrust.PUBLIC_CAS);
        assertThat(trust.context()).isSameAs(SSLContext.getDefault());
        assertThat(trust.trustManagers()).isNull();
    }

    @Test
    void fromWhenTruststoreSetThenItsFileAndPasswordButNeverThePasswordPrinted() {
        TlsTrust trust = TlsTrust.from(Settings.of(Map.of("MAYFLY_TLS_TRUSTSTORE", "/etc/mayfly/ca.pem",
                "MAYFLY_TLS_TRUSTSTORE_PASSWORD", "hunter2")));

        assertThat(trust).isEqualTo(new TlsTrust(Path.of("/etc/mayfly/ca.pem"), "hunter2"));
        assertThat(trust.toString()).contains("/etc/mayfly/ca.pem").doesNotContain("hunter2");
    }

    @Test
    void contextWhenPemFileHoldsNoCertificateThenRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("ca.pem"), "no certificate here\n");

        assertThatThrownBy(() -> new TlsTrust(empty, "").context()).isInstanceOf(IOException.class).hasMessageContaining(empty.toString());
    }

    @Test
    void httpClientWhenTruststoreMissingThenRefusedNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.p12");

        assertThatThrownBy(() -> new TlsTrust(missing, "").httpClient()).hasMessageContaining("the TLS truststore " + missing + " cannot be used");
    }
}
