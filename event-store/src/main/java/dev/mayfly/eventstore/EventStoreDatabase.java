package dev.mayfly.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A pooled data source on a service's database, migrated to the current schema before first use. */
public final class EventStoreDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Duration apiCallRetention;
    private ApiCallRetention retention;

    private EventStoreDatabase(HikariDataSource dataSource, Duration apiCallRetention) {
        this.dataSource = dataSource;
        this.apiCallRetention = apiCallRetention;
    }

    /**
     * @param serviceMigrations classpath locations of the service's own migrations (versions from V100),
     *                          applied after the event store's tables
     */
    public static EventStoreDatabase open(DatabaseSettings settings, String poolName, String... serviceMigrations) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName(poolName);
        // auto-commit outside units of work; UnitOfWorkConnections turns it off for the transaction of each one
        config.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(config);
        List<String> locations = new ArrayList<>(List.of("classpath:db/eventstore"));
        locations.addAll(List.of(serviceMigrations));
        Flyway.configure().dataSource(dataSource).locations(locations.toArray(String[]::new)).load().migrate();
        return new EventStoreDatabase(dataSource, settings.apiCallRetention());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Deletes, from now on, the API-call records the settings no longer keep ({@link ApiCallRetention}); nothing when they
     * keep them forever. For a service, once its Kafka publishers are registered: a tool that reads the store (the audit
     * rebuild) does not call it.
     */
    public synchronized void retainApiCalls(Clock clock) {
        if (apiCallRetention != null && retention == null) {
            retention = new ApiCallRetention(dataSource, apiCallRetention, clock).start();
        }
    }

    @Override
    public synchronized void close() {
        if (retention != null) {
            retention.close();
        }
        dataSource.close();
    }
}
