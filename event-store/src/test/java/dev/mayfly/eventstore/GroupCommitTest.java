package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.ApiCallRecorded;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final List<List<String>> transactions = new ArrayList<>();
    private final CountDownLatch firstTransactionMayCommit = new CountDownLatch(1);
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    private static EventMessage<ApiCallRecorded> apiCall(String id) {
        return GenericEventMessage.asEventMessage(new ApiCallRecorded(id, Instant.parse("2026-12-02T12:00:00Z"), "sts.amazonaws.com",
                "GetCallerIdentity", "us-east-1", "192.0.2.1", "test", "req-" + id, null, Map.of(), null, null, null, List.of(),
                true, "123456789012"));
    }

    /** A connection that does nothing: enough for a unit of work to take one. */
    private static Connection unusedConnection() {
        return (Connection) Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> null);
    }

    /** A transaction that holds the first group until the test lets it commit, and fails for events named "bad". */
    private void store(List<EventMessage<?>> events) {
        try {
            if (transactions.isEmpty()) {
                firstTransactionMayCommit.await();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        List<String> ids = events.stream().map(event -> ((ApiCallRecorded) event.getPayload()).eventId()).toList();
        if (ids.contains("bad")) {
            throw new IllegalStateException("duplicate key");
        }
        transactions.add(ids);
    }

    private Thread storing(GroupCommit groupCommit, String id) {
        return Thread.ofPlatform().start(() -> {
            try {
                groupCommit.store(List.of(apiCall(id)));
            } catch (RuntimeException e) {
                failures.put(id, e);
            }
        });
    }

    /** Waits until the thread is parked, which a storing thread is only while its call waits for its group. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    @Test
    void storeWhenCallsArriveWhileAGroupIsBeingStoredThenTheyCommitTogetherInTheNextTransaction() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this::store);
        Thread first = storing(groupCommit, "first");
        awaitWaiting(first);
        List<Thread> later = List.of(storing(groupCommit, "a"), storing(groupCommit, "b"), storing(groupCommit, "c"));
        for (Thread thread : later) {
            awaitWaiting(thread);
        }
        assertThat(first.isAlive()).as("a call returns only once its transaction committed").isTrue();

        firstTransactionMayCommit.countDown();
        first.join();
        for (Thread thread : later) {
            thread.join();
        }

        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).containsExactly("first");
        assertThat(transactions.get(1)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(failures).isEmpty();
    }

    @Test
    void storeWhenOneCallOfAGroupFailsThenOnlyThatCallFailsAndTheOthersCommit() throws Exception {
        GroupCommit groupCommit = new GroupCommit(this::store);
        Thread first = storing(groupCommit, "first");
        awaitWaiting(first);
        List<Thread> later = List.of(storing(groupCommit, "a"), storing(groupCommit, "bad"), storing(groupCommit, "c"));
        for (Thread thread : later) {
            awaitWaiting(thread);
        }

        firstTransactionMayCommit.countDown();
        first.join();
        for (Thread thread : later) {
            thread.join();
        }

        assertThat(transactions.stream().flatMap(List::stream)).containsExactlyInAnyOrder("first", "a", "c");
        assertThat(failures).containsOnlyKeys("bad");
        assertThat(failures.get("bad")).hasMessage("duplicate key");
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
