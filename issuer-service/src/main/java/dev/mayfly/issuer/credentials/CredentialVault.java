package dev.mayfly.issuer.credentials;

import dev.mayfly.token.Aead;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * Long-term secrets sealed at rest, each bound to its id: secret access keys (by access key id) and the seeds of
 * virtual MFA devices (by serial number), each kind in its own table. {@link #store} runs on the connection of the
 * current unit of work, so the secret commits with the event that creates its owner, or not at all. Opened secrets
 * are cached in memory: the process needs them to check signatures and codes anyway; {@link SecretEviction} drops them
 * when the event store says their owner was deleted or deactivated.
 */
public final class CredentialVault {

    private final ConnectionProvider connections;
    private final Aead aead;
    private final String insertSql;
    private final String deleteSql;
    private final String selectSql;
    private final Map<String, String> opened = new ConcurrentHashMap<>();

    private CredentialVault(ConnectionProvider connections, Aead aead, String table, String idColumn, String secretColumn) {
        this.connections = connections;
        this.aead = aead;
        this.insertSql = "INSERT INTO " + table + " (" + idColumn + ", account_id, " + secretColumn + ") VALUES (?, ?, ?)";
        this.deleteSql = "DELETE FROM " + table + " WHERE " + idColumn + " = ?";
        this.selectSql = "SELECT " + secretColumn + " FROM " + table + " WHERE " + idColumn + " = ?";
    }

    /** Secret access keys, by access key id. */
    public static CredentialVault accessKeys(ConnectionProvider connections, Aead aead) {
        return new CredentialVault(connections, aead, "access_key_secret", "access_key_id", "sealed_secret");
    }

    /** Seeds of virtual MFA devices, by serial number. */
    public static CredentialVault mfaSeeds(ConnectionProvider connections, Aead aead) {
        return new CredentialVault(connections, aead, "mfa_seed", "serial_number", "sealed_seed");
    }

    public void store(String id, String accountId, String secret) {
        byte[] sealed = aead.seal(secret.getBytes(StandardCharsets.UTF_8), id);
        try (Connection connection = connections.getConnection();
             PreparedStatement insert = connection.prepareStatement(insertSql)) {
            insert.setString(1, id);
            insert.setString(2, accountId);
            insert.setBytes(3, sealed);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the secret of " + id, e);
        }
    }

    /** Destroys a key's sealed secret, in the unit of work that deletes the key. */
    public void delete(String id) {
        try (Connection connection = connections.getConnection();
             PreparedStatement delete = connection.prepareStatement(deleteSql)) {
            delete.setString(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete the secret of " + id, e);
        }
    }

    /**
     * Drops the opened secret from memory: called for the events that delete or deactivate its owner, whichever issuer
     * committed them, so that no issuer keeps a secret the deployment no longer honours.
     */
    public void forget(String id) {
        opened.remove(id);
    }

    public Optional<String> secret(String id) {
        String cached = opened.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement select = connection.prepareStatement(selectSql)) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String secret = new String(aead.open(rs.getBytes(1), id), StandardCharsets.UTF_8);
                opened.put(id, secret);
                return Optional.of(secret);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the secret of " + id, e);
        }
    }
}
