package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.ApiCallRecorded;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final List<List<String>> transactions = new ArrayList<>();
    private final CountDownLatch firstTransactionMayCommit = new CountDownLatch(1);
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    /** Set: every transaction after the first fails as the pool does when PostgreSQL is down. */
    private volatile boolean databaseDown;

    private static EventMessage<ApiCallRecorded> apiCall(String id) {
        return GenericEventMessage.asEventMessage(ApiCallSamples.getCallerIdentity(id));
    }

    /** A connection that does nothing: enough for a unit of work to take one. */
    private static Connection unusedConnection() {
        return (Connection) Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> null);
    }

    /** A transaction that holds the first group until the test lets it commit, and fails for events named "bad". */
    private void store(List<EventMessage<?>> events) {
        attempts.incrementAndGet();
        try {
            if (transactions.isEmpty()) {
                firstTransactionMayCommit.await();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (databaseDown) {
            throw new IllegalStateException("could not store", new SQLTransientConnectionException(
                    "issuer - Connection is not available, request timed out after 30000ms", "08001"));
        }
        List<String> ids = events.stream().map(event -> ((ApiCallRecorded) event.getPayload()).eventId()).toList();
        if (ids.contains("bad")) {
            throw new IllegalStateException("duplicate key");
        }
        transactions.add(ids);
    }

    /** A call storing its record; a failure is kept by event id. */
    private Runnable storing(GroupCommit groupCommit, String id) {
        return () -> {
            try {
                groupCommit.store(List.of(apiCall(id)));
            } catch (RuntimeException e) {
                failures.put(id, e);
            }
        };
    }

    /** The first call's group is held until the test lets it commit; the later calls queue meanwhile. */
    private WaitingThreads firstThenQueued(GroupCommit groupCommit, String... later) throws InterruptedException {
        WaitingThreads calls = new WaitingThreads().startAndAwaitWaiting(storing(groupCommit, "first"));
        // the first call waits as soon as it is queued, maybe before the writer took it: later calls would join its group
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (attempts.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (String id : later) {
            calls.startAndAwaitWaiting(storing(groupCommit, id));
        }
        return calls;
    }

    @Test
    void storeWhenCallsArriveWhileAGroupIsBeingStoredThenTheyCommitTogetherInTheNextTransaction() throws Exception {
        WaitingThreads calls = firstThenQueued(new GroupCommit(this::store), "a", "b", "c");
        assertThat(calls.anyAlive()).as("a call returns only once its transaction committed").isTrue();

        firstTransactionMayCommit.countDown();
        calls.joinAll();

        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).containsExactly("first");
        assertThat(transactions.get(1)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(failures).isEmpty();
    }

    @Test
    void storeWhenOneCallOfAGroupFailsThenOnlyThatCallFailsAndTheOthersCommit() throws Exception {
        WaitingThreads calls = firstThenQueued(new GroupCommit(this::store), "a", "bad", "c");

        firstTransactionMayCommit.countDown();
        calls.joinAll();

        assertThat(transactions.stream().flatMap(List::stream)).containsExactlyInAnyOrder("first", "a", "c");
        assertThat(failures).containsOnlyKeys("bad");
        assertThat(failures.get("bad")).hasMessage("duplicate key");
    }

    @Test
    void storeWhenTheDatabaseIsUnreachableThenTheWholeGroupFailsAtOnceRatherThanEachCallWaitingAgainAlone() throws Exception {
        WaitingThreads calls = firstThenQueued(new GroupCommit(this::store), "a", "b", "c");
        databaseDown = true;

        firstTransactionMayCommit.countDown();
        calls.joinAll();

        assertThat(attempts).as("the first call's transaction, then the group's, and none alone").hasValue(2);
        assertThat(failures).containsOnlyKeys("first", "a", "b", "c");
        assertThat(DatabaseUnreachable.in(failures.get("a"))).isTrue();
    }

    @Test
    void databaseUnreachableWhenAConstraintWasViolatedThenFalse() {
        assertThat(DatabaseUnreachable.in(new IllegalStateException(new SQLException("duplicate key", "23505")))).isFalse();
    }

    @Test
    void storeWhenItsTransactionFailsThenThrowsWhatStoringThrew() {
        firstTransactionMayCommit.countDown();
        GroupCommit groupCommit = new GroupCommit(this::store);

        assertThatThrownBy(() -> groupCommit.store(List.of(apiCall("bad"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("duplicate key");
    }

    @Test
    void acceptsWhenUnitOfWorkCommitsOnlyApiCallsThenTrue() {
        assertThat(UnitsOfWork.inTransaction(() -> GroupCommit.accepts(List.of(apiCall("a"), apiCall("b"))))).isTrue();
    }

    @Test
    void acceptsWhenUnitOfWorkTookAConnectionThenFalse() {
        UnitOfWorkConnections connections = new UnitOfWorkConnections(GroupCommitTest::unusedConnection);

        assertThat(UnitsOfWork.inTransaction(() -> {
            connections.getConnection();
            return GroupCommit.accepts(List.of(apiCall("a")));
        })).isFalse();
    }

    @Test
    void acceptsWhenANestedUnitOfWorkTookAConnectionThenFalseForTheWholeUnitOfWork() {
        UnitOfWorkConnections connections = new UnitOfWorkConnections(GroupCommitTest::unusedConnection);

        assertThat(UnitsOfWork.inTransaction(() -> {
            UnitsOfWork.inTransaction(connections::getConnection);
            return GroupCommit.accepts(List.of(apiCall("a")));
        })).isFalse();
    }

    @Test
    void acceptsWhenAnyEventIsNotAnApiCallThenFalse() {
        EventMessage<String> roleCreated = new GenericDomainEventMessage<>("Role", "role-1", 0, "RoleCreated");

        assertThat(UnitsOfWork.inTransaction(() -> GroupCommit.accepts(List.of(apiCall("a"), roleCreated)))).isFalse();
    }

    @Test
    void acceptsWhenNoUnitOfWorkThenFalse() {
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
        assertThat(GroupCommit.accepts(List.of(apiCall("a")))).isFalse();
    }
}
