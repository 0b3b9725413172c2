package dev.mayfly.revocation;

import dev.mayfly.eventstore.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which revocation service of a deployment publishes the rules in force again and the feed's state: the one that holds
 * a PostgreSQL advisory lock, on a connection of its own, until it stops (or dies: the database frees the lock with the
 * connection). Another process on the same store stands by and takes the lease over then. Two processes republishing at
 * once (a rolling deploy) could put back a rule one of them lifted a moment before, or publish a feed state older than
 * the other's, which every follower refuses, failing closed for every tenant.
 */
final class RepublishLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepublishLease.class);
    /** The advisory lock's key: any number the deployment's other locks do not use ("MAYFLYRV" in ASCII). */
    private static final long LOCK_KEY = 0x4D4159464C595256L;
    static final Duration RETRY = Duration.ofSeconds(1);

    /** What the lease's holder does once it holds it. */
    interface Holder {
        void republish() throws Exception;
    }

    private final DatabaseSettings database;
    private final Holder holder;
    private volatile Connection held;
    private volatile boolean closed;
    private Thread waiting;

    private RepublishLease(DatabaseSettings database, Holder holder) {
        this.database = database;
        this.holder = holder;
    }

    /**
     * Takes the lease now if it is free, and then republishes before returning; else stands by on a thread of its own,
     * which republishes once the lease is this process's.
     */
    static RepublishLease take(DatabaseSettings database, Holder holder) throws Exception {
        RepublishLease lease = new RepublishLease(database, holder);
        if (lease.tryTake()) {
            try {
                holder.republish();
            } catch (Exception e) {
                lease.release();
                throw e;
            }
        } else {
            LOG.info("another revocation service on this event store publishes the rules in force: this one stands by to take over");
            lease.waiting = Thread.ofVirtual().name("revocation-republish-lease").start(lease::standBy);
        }
        return lease;
    }

    /** Whether this process holds the lease. */
    boolean held() {
        return held != null;
    }

    private boolean tryTake() throws SQLException {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    held = connection;
                    return true;
                }
            }
        }
        connection.close();
        return false;
    }

    private void standBy() {
        while (!closed) {
            try {
                if (tryTake()) {
                    LOG.info("this revocation service took over publishing the rules in force");
                    holder.republish();
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the database away, or the republish refused by Kafka: the lease is given back and tried again
                LOG.warn("taking over the rules' publication failed ({}); trying again", e.getMessage());
                release();
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void release() {
        Connection connection = held;
        held = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the lock goes with the connection, however it closed
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (waiting != null) {
            waiting.interrupt();
            try {
                waiting.join(RETRY.multipliedBy(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release();
    }
}
