package dev.mayfly.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL 17 server (zonky's binaries from Maven Central), durable commits on. */
public final class EmbeddedPostgres implements AutoCloseable {

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        return new EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir.resolve("data").toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("binaries").toFile())
                // zonky turns synchronous_commit off for speed; an event store must not lose committed events
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .start());
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database if it does not exist yet and returns its JDBC URL. */
    public String database(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database names here are lower-case words: " + name);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
