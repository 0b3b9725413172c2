package dev.mayfly.issuer.saml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * One use of a bearer assertion per role (SAML profiles §4.1.4.5 asks for one use; clients configured for AWS present one
 * assertion to assume each of the roles it lists, so the role is part of the key). Uses are rows of the issuers' database,
 * not of one process: issuers behind a load balancer refuse an assertion any of them accepted, and a restarted issuer
 * still knows it. Each use commits on its own, before the session is issued, so a call that fails later has still used
 * the assertion (a replay learns nothing from a failure). A use is kept until its assertion can no longer be accepted,
 * clock skew included ({@link SamlAssertion#acceptedUntil()}): purged at its bare NotOnOrAfter, a use would be forgotten
 * while the assertion could still be replayed for the skew's two minutes.
 */
public final class AssertionUses {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final String INSERT = "INSERT INTO saml_assertion_use (use_digest, not_on_or_after) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String PURGE = "DELETE FROM saml_assertion_use WHERE not_on_or_after < ?";

    private final DataSource database;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public AssertionUses(DataSource database) {
        this.database = database;
    }

    /**
     * Records a use.
     *
     * @return false when this assertion was already used for this role, by this issuer or another
     */
    public boolean firstUse(SamlAssertion assertion, String roleArn, Instant now) {
        try (Connection connection = database.getConnection()) {
            purgeIfDue(connection, now);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setBytes(1, digest(assertion.issuer(), assertion.id(), roleArn));
                // the column keeps its name; it holds the end of acceptance, which is what the purge must wait for
                insert.setTimestamp(2, Timestamp.from(assertion.acceptedUntil()));
                return insert.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the use of a SAML assertion", e);
        }
    }

    private void purgeIfDue(Connection connection, Instant now) throws SQLException {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_EVERY))) {
            return;
        }
        try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setTimestamp(1, Timestamp.from(now));
            purge.executeUpdate();
        }
    }

    private static byte[] digest(String issuer, String assertionId, String roleArn) {
        try {
            // the parts' lengths go first, so that no two different triples make the same bytes
            String key = issuer.length() + ":" + assertionId.length() + ":" + issuer + assertionId + roleArn;
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
