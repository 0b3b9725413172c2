package dev.mayfly.eventstore;

import dev.mayfly.runtime.Settings;

/** Where a service's event store lives. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    /** From {PREFIX}_DB_URL, _DB_USER, _DB_PASSWORD, _DB_POOL (for example MAYFLY_ISSUER_DB_URL). */
    public static DatabaseSettings from(Settings settings, String prefix, String defaultDatabase) {
        return new DatabaseSettings(
                settings.string(prefix + "_DB_URL", "jdbc:postgresql://127.0.0.1:5433/" + defaultDatabase),
                settings.string(prefix + "_DB_USER", "postgres"),
                settings.string(prefix + "_DB_PASSWORD", "postgres"),
                settings.integer(prefix + "_DB_POOL", 16));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + user + "]";
    }
}
