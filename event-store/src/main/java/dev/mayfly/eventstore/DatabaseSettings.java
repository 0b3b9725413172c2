package dev.mayfly.eventstore;

import dev.mayfly.runtime.Settings;
import java.time.Duration;

/**
 * Where a service's event store lives, and how long it keeps API-call records once published.
 *
 * @param apiCallRetention how long after an API-call record was made, once the store's Kafka publishers have handled
 *                         it, it is deleted from the store ({@link ApiCallRetention}); null: kept forever
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, Duration apiCallRetention) {

    /** API-call records kept forever. */
    public DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, null);
    }

    /**
     * From {PREFIX}_DB_URL, _DB_USER, _DB_PASSWORD, _DB_POOL (for example MAYFLY_ISSUER_DB_URL), and
     * {@value ApiCallRetention#SETTING}, which both event stores share.
     */
    public static DatabaseSettings from(Settings settings, String prefix, String defaultDatabase) {
        return new DatabaseSettings(
                settings.string(prefix + "_DB_URL", "jdbc:postgresql://127.0.0.1:5433/" + defaultDatabase),
                settings.string(prefix + "_DB_USER", "postgres"),
                settings.string(prefix + "_DB_PASSWORD", "postgres"),
                settings.integer(prefix + "_DB_POOL", 16),
                ApiCallRetention.from(settings.integer(ApiCallRetention.SETTING, 0)));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + user + "]";
    }
}
