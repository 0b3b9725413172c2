package dev.mayfly.eventstore;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Failures that say the database could not be reached (no connection within the pool's wait, or the connection lost), which no call caused. */
final class DatabaseUnreachable {

    private DatabaseUnreachable() {
    }

    static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    // 08: connection exceptions (SQL standard); 57P: PostgreSQL shutting down or starting up
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
