package dev.eddy.loop.sync;

import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;

/**
 * The tasks parked on one sync primitive, in arrival order: the heart of every primitive here.
 *
 * <p>Each parked task awaits its own {@link Waiter}, a future that is also a node of this list, so
 * parking allocates one small object and leaving the list from anywhere costs O(1). A waiter is in
 * the list exactly while it is pending: {@link #wakeFirst()} unlinks it before completing it, and a
 * waiter cancelled by its task's cancellation unlinks itself, so the list never holds cancelled
 * waiters.
 *
 * <p>The list binds to the loop of the first task that parks on it; parking from another loop is
 * refused. Not thread-safe, like everything on the loop.
 */
final class WaiterQueue {
    private Waiter head;
    private Waiter tail;
    private int size;
    private EventLoop loop;

    /** Whether no task is parked here. */
    boolean isEmpty() {
        return head == null;
    }

    /** How many tasks are parked here. */
    int size() {
        return size;
    }

    /**
     * Parks the current task at the back of the list until {@link #wakeFirst()} reaches it.
     *
     * <p>If the task is cancelled after it was woken but before it ran, the grant it was woken with
     * would be lost; {@code passOn} runs then, so the primitive can hand it to the next waiter.
     * Either way the {@link CancelledException} propagates.
     *
     * @param operation the caller's name, e.g. {@code "Lock.acquire"}, for error messages
     * @param passOn gives the grant back; runs only when the task was woken and then cancelled
     */
    void park(String operation, Runnable passOn) {
        Waiter waiter = enqueue(operation);
        try {
            waiter.await();
        } catch (CancelledException e) {
            if (waiter.woken()) {
                passOn.run();
            }
            throw e;
        }
    }

    /**
     * Appends a waiter for the current task and returns it, for callers that need to look at it
     * after the wait. The caller awaits it.
     *
     * @throws IllegalStateException outside a task, or in a task of another loop than the first
     *     one that parked here
     */
    Waiter enqueue(String operation) {
        Task<?> task = Task.current();
        if (task == null) {
            throw new IllegalStateException(operation + "() called outside a task: only a task can wait");
        }
        if (loop == null) {
            loop = task.loop();
        } else if (loop != task.loop()) {
            throw new IllegalStateException(operation + "() called from a task of another loop: a sync primitive "
                    + "belongs to the loop that first waited on it");
        }
        Waiter waiter = new Waiter(loop);
        if (tail == null) {
            head = waiter;
        } else {
            tail.next = waiter;
            waiter.prev = tail;
        }
        tail = waiter;
        size++;
        return waiter;
    }

    /**
     * Unlinks the longest-waiting task and wakes it.
     *
     * @return {@code false} if no task was parked
     */
    boolean wakeFirst() {
        Waiter first = head;
        if (first == null) {
            return false;
        }
        unlink(first);
        first.setResult(null);
        return true;
    }

    /** Wakes every parked task, in arrival order. */
    void wakeAll() {
        while (wakeFirst()) {
            // each call unlinks one
        }
    }

    private void unlink(Waiter waiter) {
        Waiter before = waiter.prev;
        Waiter after = waiter.next;
        if (before == null) {
            head = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            tail = before;
        } else {
            after.prev = before;
        }
        waiter.prev = null;
        waiter.next = null;
        size--;
    }

    /** One parked task's future, linked into the list while it is pending. */
    final class Waiter extends Future<Void> {
        private Waiter prev;
        private Waiter next;

        private Waiter(EventLoop loop) {
            super(loop);
        }

        /** Whether it was woken by {@link #wakeFirst()}, as opposed to cancelled or still waiting. */
        boolean woken() {
            return done() && !cancelled();
        }

        /** Cancelling a waiter, which is what cancelling its task does, also takes it off the list. */
        @Override
        public boolean cancel(String message) {
            if (!super.cancel(message)) {
                return false;
            }
            unlink(this);
            return true;
        }
    }
}
