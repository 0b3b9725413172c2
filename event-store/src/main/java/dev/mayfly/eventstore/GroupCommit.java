package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Stores the API-call records of many calls in one PostgreSQL transaction. Most calls (every AssumeRole, every
 * GetCallerIdentity, every rejected call) change nothing but add their own record, and each such record used to
 * commit in a transaction of its own: at 1,000 calls a second that was PostgreSQL's largest cost, paid per transaction
 * (begin, commit, a WAL flush) rather than per row. Such a call now hands its records to one writer thread and waits:
 * the writer stores, in one transaction, whatever calls queued while it stored the previous group, then lets them go
 * on. A record is still durable before its call is answered; only the transaction is shared.
 *
 * <p>A unit of work that took a connection (it loaded an aggregate, or wrote a table of its own) or that commits any
 * other event is never grouped: its records must commit atomically with its changes, in its own transaction. A grouped
 * unit of work has nothing else to commit, so the records it stored cannot be outlived by a rollback of anything else.
 */
final class GroupCommit {

    /** Bounds one transaction's size; beyond this many calls a group gains nothing more from sharing. */
    private static final int MAX_CALLS_PER_TRANSACTION = 256;

    private final Consumer<List<EventMessage<?>>> storeInOneTransaction;
    private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean writerStarted = new AtomicBoolean();

    /** @param storeInOneTransaction stores events in a transaction of its own, committed when it returns */
    GroupCommit(Consumer<List<EventMessage<?>>> storeInOneTransaction) {
        this.storeInOneTransaction = storeInOneTransaction;
    }

    private record Call(List<? extends EventMessage<?>> events, CompletableFuture<Void> stored) {
    }

    /** Whether the events the current unit of work is committing may be stored in a group. */
    static boolean accepts(List<? extends EventMessage<?>> events) {
        return CurrentUnitOfWork.isStarted() && !UnitOfWorkConnections.transactionOpenIn(CurrentUnitOfWork.get())
                && events.stream().allMatch(event -> event.getPayload() instanceof ApiCallRecorded);
    }

    /** Stores the events with those of other calls, returning once they are committed; throws what storing threw. */
    void store(List<? extends EventMessage<?>> events) {
        Call call = new Call(events, new CompletableFuture<>());
        if (writerStarted.compareAndSet(false, true)) {
            // started on first use: the engines that only ever read (a projection's replay at start) need no writer
            Thread.ofPlatform().daemon().name("event-store-group-commit").start(this::writeForever);
        }
        queue.add(call);
        try {
            call.stored().join();
        } catch (CompletionException e) {
            throw Failures.unchecked(e.getCause());
        }
    }

    private void writeForever() {
        List<Call> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_CALLS_PER_TRANSACTION - 1);
            storeGroup(group);
            group.clear();
        }
    }

    private void storeGroup(List<Call> group) {
        try {
            storeTogether(group);
        } catch (RuntimeException | Error groupFailure) {
            if (group.size() == 1 || DatabaseUnreachable.in(groupFailure)) {
                // alone, each call would wait for a connection again, one after the other: under load, with PostgreSQL
                // stopped for 40 s, no call was refused and calls waited for the whole outage (FaultsUnderLoadTest)
                failAll(group, groupFailure);
                return;
            }
            // one call's records may be what failed (a duplicate event id, say): alone, every other call still commits
            for (int i = 0; i < group.size(); i++) {
                try {
                    storeTogether(List.of(group.get(i)));
                } catch (RuntimeException | Error failure) {
                    if (DatabaseUnreachable.in(failure)) {
                        failAll(group.subList(i, group.size()), failure);
                        return;
                    }
                    group.get(i).stored().completeExceptionally(failure);
                }
            }
        }
    }

    private static void failAll(List<Call> calls, Throwable failure) {
        calls.forEach(call -> call.stored().completeExceptionally(failure));
    }

    private void storeTogether(List<Call> calls) {
        List<EventMessage<?>> events = new ArrayList<>();
        calls.forEach(call -> events.addAll(call.events()));
        storeInOneTransaction.accept(events);
        calls.forEach(call -> call.stored().complete(null));
    }
}
