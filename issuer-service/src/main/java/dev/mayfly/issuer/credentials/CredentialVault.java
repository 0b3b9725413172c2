package dev.mayfly.issuer.credentials;

import dev.mayfly.eventstore.UnitsOfWork;
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
 * Long-term secret access keys, sealed at rest. {@link #store} runs on the connection of the current unit
 * of work, so the secret commits with the event that creates its key, or not at all. Opened secrets are
 * cached in memory: the process needs them to check signatures anyway.
 */
public final class CredentialVault {

    private final ConnectionProvider connections;
    private final Aead aead;
    private final Map<String, String> opened = new ConcurrentHashMap<>();

    public CredentialVault(ConnectionProvider connections, Aead aead) {
        this.connections = connections;
        this.aead = aead;
    }

    public void store(String accessKeyId, String accountId, String secretAccessKey) {
        byte[] sealed = aead.seal(secretAccessKey.getBytes(StandardCharsets.UTF_8), accessKeyId);
        try (Connection connection = connections.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO access_key_secret (access_key_id, account_id, sealed_secret) VALUES (?, ?, ?)")) {
            insert.setString(1, accessKeyId);
            insert.setString(2, accountId);
            insert.setBytes(3, sealed);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the secret of " + accessKeyId, e);
        }
    }

    /** Destroys a key's sealed secret, in the unit of work that deletes the key. */
    public void delete(String accessKeyId) {
        try (Connection connection = connections.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM access_key_secret WHERE access_key_id = ?")) {
            delete.setString(1, accessKeyId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete the secret of " + accessKeyId, e);
        }
        UnitsOfWork.afterCommit(() -> opened.remove(accessKeyId));
    }

    public Optional<String> secret(String accessKeyId) {
        String cached = opened.get(accessKeyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection connection = connections.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT sealed_secret FROM access_key_secret WHERE access_key_id = ?")) {
            select.setString(1, accessKeyId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String secret = new String(aead.open(rs.getBytes(1), accessKeyId), StandardCharsets.UTF_8);
                opened.put(accessKeyId, secret);
                return Optional.of(secret);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the secret of " + accessKeyId, e);
        }
    }
}
