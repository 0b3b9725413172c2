package dev.mayfly.issuer.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.token.Aead;
import dev.mayfly.token.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A secret another issuer removed from the database leaves this issuer's memory with the event that says so. */
class SecretEvictionTest {

    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final String KEY = "AKIAEVICTIONTEST0001";
    private static final String SERIAL = "arn:aws:iam::123456789012:mfa/phone";

    private EventStoreDatabase database;
    private CredentialVault accessKeys;
    private CredentialVault mfaSeeds;
    private SecretEviction eviction;

    @BeforeEach
    void openVaults() throws Exception {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("secret_eviction"),
                "postgres", "postgres", 2), "secret-eviction", "classpath:db/issuer");
        Aead aead = new Aead(KeyRing.loadOrCreate(Files.createTempDirectory("eviction").resolve("vault.keys")));
        accessKeys = CredentialVault.accessKeys(AxonConfiguration.connections(database.dataSource()), aead);
        mfaSeeds = CredentialVault.mfaSeeds(AxonConfiguration.connections(database.dataSource()), aead);
        eviction = new SecretEviction(accessKeys, mfaSeeds);
        deleteEverySecret();
        accessKeys.store(KEY, ACCOUNT.value(), "secret");
        mfaSeeds.store(SERIAL, ACCOUNT.value(), "seed");
        // opened, and so held in memory
        assertThat(accessKeys.secret(KEY)).contains("secret");
        assertThat(mfaSeeds.secret(SERIAL)).contains("seed");
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** What the issuer that deleted the owners did to the database. */
    private void deleteEverySecret() throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM access_key_secret");
            statement.execute("DELETE FROM mfa_seed");
        }
    }

    @Test
    void acceptWhenAnotherIssuerDeletedTheKeyThenItsSecretIsNoLongerHeld() throws Exception {
        deleteEverySecret();
        assertThat(accessKeys.secret(KEY)).as("held in memory until told").contains("secret");

        eviction.accept(new AccessKeyDeleted(new UserRef(ACCOUNT, "alice"), KEY, Instant.now()));

        assertThat(accessKeys.secret(KEY)).isEmpty();
    }

    @Test
    void acceptWhenTheKeyIsDeactivatedThenItsSecretIsReadAgainWhenNext() throws Exception {
        eviction.accept(new AccessKeyStatusChanged(new UserRef(ACCOUNT, "alice"), KEY, false, Instant.now()));
        deleteEverySecret();

        assertThat(accessKeys.secret(KEY)).isEmpty();
    }

    @Test
    void acceptWhenAnotherIssuerDeletedTheMfaDeviceThenItsSeedIsNoLongerHeld() throws Exception {
        deleteEverySecret();

        eviction.accept(new VirtualMfaDeviceDeleted(new MfaDeviceRef(ACCOUNT, "phone"), SERIAL));

        assertThat(mfaSeeds.secret(SERIAL)).isEmpty();
        assertThat(accessKeys.secret(KEY)).contains("secret");
    }
}
