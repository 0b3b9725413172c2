package dev.mayfly.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Connections that make a unit of work one database transaction: the first connection asked for in a unit of work
 * starts a transaction, every later request in it (nested units of work included) gets the same connection, and the
 * root unit of work commits it in its commit phase or rolls it back. Callers may close it; only the root ends it.
 *
 * <p>Axon's own {@code UnitOfWorkAwareConnectionProviderWrapper} does not do this: it leaves the connection in
 * auto-commit, so every statement committed on its own (a secret stored with an access key outlived the key's failed
 * event), and it commits at the commit phase of the unit of work that first asked, which for a command handled in a
 * nested unit of work comes before the root's events are stored.
 *
 * <p>Outside a unit of work, or once its root is past the prepare-commit phase, connections auto-commit.
 */
final class UnitOfWorkConnections implements ConnectionProvider {

    private static final String CONNECTION = UnitOfWorkConnections.class.getName() + ".connection";

    private final ConnectionProvider delegate;

    UnitOfWorkConnections(ConnectionProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            return delegate.getConnection();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
            return delegate.getConnection();
        }
        Connection bound = root.getResource(CONNECTION);
        return bound != null ? bound : begin(root);
    }

    private Connection begin(UnitOfWork<?> root) throws SQLException {
        Connection connection = delegate.getConnection();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            JdbcUtils.closeQuietly(connection);
            throw e;
        }
        Connection bound = ConnectionWrapperFactory.wrap(connection, new ConnectionWrapperFactory.NoOpCloseHandler());
        root.resources().put(CONNECTION, bound);
        root.onCommit(u -> commit(connection));
        root.onRollback(u -> rollback(connection));
        root.onCleanup(u -> JdbcUtils.closeQuietly(connection));
        return bound;
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new JdbcException("could not commit the unit of work's transaction", e);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new JdbcException("could not roll back the unit of work's transaction", e);
        }
    }

    /** Whether the unit of work (or any unit of work nested in its root) has a transaction: it took a connection. */
    static boolean transactionOpenIn(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().resources().containsKey(CONNECTION);
    }
}
