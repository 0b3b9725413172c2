package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.eventstore.CheckpointSchedule;
import dev.mayfly.runtime.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issuer's settings as the environment gives them. */
class IssuerSettingsTest {

    @Test
    void fromWhenNoReadModelCheckpointSettingThenSnapshotsEveryTenThousandChangesOrTenMinutes() {
        assertThat(IssuerSettings.from(Settings.of(Map.of())).readModelCheckpoints())
                .isEqualTo(new CheckpointSchedule(10_000, Duration.ofMinutes(10)));
    }

    @Test
    void fromWhenReadModelCheckpointSettingsAreSetThenSnapshotsOnTheirSchedule() {
        IssuerSettings settings = IssuerSettings.from(Settings.of(Map.of("MAYFLY_READ_MODEL_CHECKPOINT_CHANGES", "500",
                "MAYFLY_READ_MODEL_CHECKPOINT_INTERVAL_SECONDS", "60")));

        assertThat(settings.readModelCheckpoints()).isEqualTo(new CheckpointSchedule(500, Duration.ofSeconds(60)));
        assertThat(settings.withOidcAddresses(settings.oidcAddresses()).readModelCheckpoints()).isEqualTo(settings.readModelCheckpoints());
    }

    @Test
    void fromWhenReadModelCheckpointChangesIsZeroThenTakesNoSnapshots() {
        assertThat(IssuerSettings.from(Settings.of(Map.of("MAYFLY_READ_MODEL_CHECKPOINT_CHANGES", "0"))).readModelCheckpoints()
                .enabled()).isFalse();
    }

    @Test
    void fromWhenPublicUrlSetThenKeptWithoutTrailingSlashAndKeptByEveryWither() {
        IssuerSettings settings = IssuerSettings.from(Settings.of(Map.of("MAYFLY_ISSUER_PUBLIC_URL", "https://sts.example.com/")));

        assertThat(settings.publicUrl()).hasToString("https://sts.example.com");
        assertThat(settings.withOidcAddresses(settings.oidcAddresses()).withRequestLimits(settings.requestLimits())
                .withReadModelCheckpoints(settings.readModelCheckpoints()).withKeyEncryptionKey(settings.keyEncryptionKey()).publicUrl())
                .isEqualTo(settings.publicUrl());
        assertThat(IssuerSettings.from(Settings.of(Map.of())).publicUrl()).as("the listener's own").isNull();
    }

    @Test
    void fromWhenPublicUrlIsNoHttpUrlOfAHostThenRefusedNamingTheSetting() {
        for (String bad : java.util.List.of("sts.example.com", "ftp://sts.example.com", "https://sts.example.com/?a=b",
                "https://user@sts.example.com", "https://sts.example.com/#x", "https:// bad")) {
            assertThatThrownBy(() -> IssuerSettings.from(Settings.of(Map.of("MAYFLY_ISSUER_PUBLIC_URL", bad)))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYFLY_ISSUER_PUBLIC_URL");
        }
    }
}
