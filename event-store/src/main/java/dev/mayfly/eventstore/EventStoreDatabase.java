package dev.mayfly.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A pooled data source on a service's database, migrated to the current schema before first use. */
public final class EventStoreDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    private EventStoreDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
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
        return new EventStoreDatabase(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
