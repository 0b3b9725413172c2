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
import java.util.Map;
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

    private static SamlAssertion assertion(String issuer, String id, Instant notOnOrAfter) {
        return new SamlAssertion(id, issuer, "alice", null, "https://signin.aws.amazon.com/saml", notOnOrAfter, null, Map.of());
    }

    private static String newAssertionId() {
        return "_" + UUID.randomUUID();
    }

    @Test
    void firstUseWhenTheSameAssertionForTheSameRoleAgainThenRefused() {
        AssertionUses uses = new AssertionUses(issuerOne.dataSource());
        String id = newAssertionId();
        assertThat(uses.firstUse(assertion(ISSUER, id, EXPIRY), ROLE, NOW)).isTrue();
        assertThat(uses.firstUse(assertion(ISSUER, id, EXPIRY), ROLE, NOW.plusSeconds(1))).isFalse();
    }

    @Test
    void firstUseWhenAnotherRoleOrAnotherIssuersAssertionThenAllowed() {
        AssertionUses uses = new AssertionUses(issuerOne.dataSource());
        String id = newAssertionId();
        assertThat(uses.firstUse(assertion(ISSUER, id, EXPIRY), ROLE, NOW)).isTrue();
        assertThat(uses.firstUse(assertion(ISSUER, id, EXPIRY), ROLE.replace("engineer", "auditor"), NOW)).as("one use per role").isTrue();
        assertThat(uses.firstUse(assertion(ISSUER + "/other", id, EXPIRY), ROLE, NOW)).as("IDs are the issuer's").isTrue();
        assertThat(uses.firstUse(assertion(ISSUER, id + "x", EXPIRY), ROLE, NOW)).isTrue();
    }

    @Test
    void firstUseWhenUsedAtAnotherIssuerOrBeforeARestartThenRefused() {
        String id = newAssertionId();
        assertThat(new AssertionUses(issuerOne.dataSource()).firstUse(assertion(ISSUER, id, EXPIRY), ROLE, NOW)).isTrue();
        assertThat(new AssertionUses(issuerTwo.dataSource()).firstUse(assertion(ISSUER, id, EXPIRY), ROLE, NOW)).as("another issuer").isFalse();
        assertThat(new AssertionUses(issuerOne.dataSource()).firstUse(assertion(ISSUER, id, EXPIRY), ROLE, NOW)).as("restarted").isFalse();
    }

    @Test
    void firstUseWhenAssertionsHaveExpiredThenTheirUsesArePurged() throws SQLException {
        Instant later = NOW.plus(Duration.ofDays(1));
        new AssertionUses(issuerOne.dataSource()).firstUse(assertion(ISSUER, newAssertionId(), EXPIRY), ROLE, NOW);
        assertThat(usesExpiringBefore(later)).isPositive();

        new AssertionUses(issuerTwo.dataSource()).firstUse(assertion(ISSUER, newAssertionId(), later.plus(Duration.ofMinutes(5))), ROLE, later);

        assertThat(usesExpiringBefore(later)).isZero();
        assertThat(usesExpiringBefore(later.plus(Duration.ofMinutes(5)).plus(SamlAssertion.CLOCK_SKEW).plusSeconds(1)))
                .as("the live one stays").isOne();
    }

    @Test
    void firstUseWhenReplayedPastNotOnOrAfterButWithinClockSkewThenStillRefused() {
        SamlAssertion assertion = assertion(ISSUER, newAssertionId(), EXPIRY);
        assertThat(new AssertionUses(issuerOne.dataSource()).firstUse(assertion, ROLE, NOW)).isTrue();
        // the verifier still accepts the assertion a minute past its NotOnOrAfter (two minutes of skew)
        Instant withinSkew = EXPIRY.plusSeconds(60);
        assertThat(withinSkew).isBefore(assertion.acceptedUntil());

        // another issuer, new, purges what it believes expired before it records the replay
        assertThat(new AssertionUses(issuerTwo.dataSource()).firstUse(assertion, ROLE, withinSkew)).isFalse();
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
