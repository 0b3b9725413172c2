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
 *
 * <p>The lease is watched on its connection: a holder whose connection dropped (the database restarted, a proxy cut it)
 * no longer holds the lock, which another process may take at once, so it stands by until it takes the lease again.
 */
final class RepublishLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepublishLease.class);
    /** The advisory lock's key: any number the deployment's other locks do not use ("MAYFLYRV" in ASCII). */
    private static final long LOCK_KEY = 0x4D4159464C595256L;
    static final Duration RETRY = Duration.ofSeconds(1);
    /**
     * How long the lease's connection may take to answer before it counts as lost: a dropped one answers at once, and a
     * slow database must not make the holder give the lease up (and every rule be republished) again and again.
     */
    private static final Duration ALIVE_WITHIN = Duration.ofSeconds(5);

    /** What a process does as it takes the lease, and as it stands by (at start without it, or having lost it). */
    interface Holder {
        void republish() throws Exception;

        /** Publishes nothing of the rules until it takes the lease (again). */
        void standBy();
    }

    private final DatabaseSettings database;
    private final Holder holder;
    private volatile Connection held;
    private volatile boolean closed;
    private Thread watching;

    private RepublishLease(DatabaseSettings database, Holder holder) {
        this.database = database;
        this.holder = holder;
    }

    /**
     * Takes the lease now if it is free, and then republishes before returning; else stands by. A thread of its own then
     * takes the lease over once it is free, or notices that this process lost it.
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
            holder.standBy();
        }
        lease.watching = Thread.ofVirtual().name("revocation-republish-lease").start(lease::watch);
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

    private void watch() {
        while (!closed) {
            try {
                Connection connection = held;
                if (connection == null) {
                    if (tryTake()) {
                        LOG.info("this revocation service took over publishing the rules in force");
                        holder.republish();
                    }
                } else if (!connection.isValid((int) ALIVE_WITHIN.toSeconds()) && !closed) {
                    LOG.warn("the connection holding the lease to publish the rules in force was lost: this revocation service"
                            + " stands by until it holds the lease again");
                    release();
                    holder.standBy();
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the database away, or the republish refused by Kafka: the lease is given back and tried again
                LOG.warn("taking over the rules' publication failed ({}); trying again", e.getMessage());
                release();
                holder.standBy();
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
        // first, so that a watcher waiting on the connection's answer is answered at once; again below, in case the
        // watcher took the lease meanwhile
        release();
        if (watching != null) {
            watching.interrupt();
            try {
                watching.join(RETRY.multipliedBy(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release();
    }
}
