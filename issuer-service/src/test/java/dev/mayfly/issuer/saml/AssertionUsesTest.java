package dev.mayfly.issuer.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Uses of SAML assertions on the real PostgreSQL, with the issuer's migrations: what two issuers, or one restarted, share. */
class AssertionUsesTest {

    private static final String ISSUER = "https://idp.example.com/uses";
    private static final String ROLE = "arn:aws:iam::000000000042:role/engineer";
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(5));

    private static String jdbcUrl;
    private static EventStoreDatabase issuerOne;
    private static EventStoreDatabase issuerTwo;

    @BeforeAll
    static void openTwoIssuersDatabasePools() {
        jdbcUrl = SharedInfrastructure.postgres().database("issuer_assertion_uses");
        issuerOne = EventStoreDatabase.open(new DatabaseSettings(jdbcUrl, "postgres", "postgres", 2), "issuer-one", "classpath:db/issuer");
        issuerTwo = EventStoreDatabase.open(new DatabaseSettings(jdbcUrl, "postgres", "postgres", 2), "issuer-two", "classpath:db/issuer");
    }

    @AfterAll
    static void close() {
        issuerOne.close();
        issuerTwo.close();
    }

    private static String newAssertionId() {
        return "_" + UUID.randomUUID();
    }

    @Test
    void firstUseWhenTheSameAssertionForTheSameRoleAgainThenRefused() {
        AssertionUses uses = new AssertionUses(issuerOne.dataSource());
        String id = newAssertionId();
        assertThat(uses.firstUse(ISSUER, id, ROLE, EXPIRY, NOW)).isTrue();
        assertThat(uses.firstUse(ISSUER, id, ROLE, EXPIRY, NOW.plusSeconds(1))).isFalse();
    }

    @Test
    void firstUseWhenAnotherRoleOrAnotherIssuersAssertionThenAllowed() {
        AssertionUses uses = new AssertionUses(issuerOne.dataSource());
        String id = newAssertionId();
        assertThat(uses.firstUse(ISSUER, id, ROLE, EXPIRY, NOW)).isTrue();
        assertThat(uses.firstUse(ISSUER, id, ROLE.replace("engineer", "auditor"), EXPIRY, NOW)).as("one use per role").isTrue();
        assertThat(uses.firstUse(ISSUER + "/other", id, ROLE, EXPIRY, NOW)).as("IDs are the issuer's").isTrue();
        assertThat(uses.firstUse(ISSUER, id + "x", ROLE, EXPIRY, NOW)).isTrue();
    }

    @Test
    void firstUseWhenUsedAtAnotherIssuerOrBeforeARestartThenRefused() {
        String id = newAssertionId();
        assertThat(new AssertionUses(issuerOne.dataSource()).firstUse(ISSUER, id, ROLE, EXPIRY, NOW)).isTrue();
        assertThat(new AssertionUses(issuerTwo.dataSource()).firstUse(ISSUER, id, ROLE, EXPIRY, NOW)).as("another issuer").isFalse();
        assertThat(new AssertionUses(issuerOne.dataSource()).firstUse(ISSUER, id, ROLE, EXPIRY, NOW)).as("restarted").isFalse();
    }

    @Test
    void firstUseWhenAssertionsHaveExpiredThenTheirUsesArePurged() throws SQLException {
        Instant later = NOW.plus(Duration.ofDays(1));
        new AssertionUses(issuerOne.dataSource()).firstUse(ISSUER, newAssertionId(), ROLE, EXPIRY, NOW);
        assertThat(usesExpiringBefore(later)).isPositive();

        new AssertionUses(issuerTwo.dataSource()).firstUse(ISSUER, newAssertionId(), ROLE, later.plus(Duration.ofMinutes(5)), later);

        assertThat(usesExpiringBefore(later)).isZero();
        assertThat(usesExpiringBefore(later.plus(Duration.ofMinutes(6)))).as("the live one stays").isOne();
    }

    private static int usesExpiringBefore(Instant instant) throws SQLException {
        try (Connection connection = issuerOne.dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM saml_assertion_use WHERE not_on_or_after < ?")) {
            count.setTimestamp(1, Timestamp.from(instant));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
