package dev.eddy.loop.sync;

import dev.eddy.loop.CancelledException;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks on one loop, like asyncio's {@code Condition}: tasks holding its
 * {@link Lock} wait in {@link #await()} until another task, holding the lock too, calls
 * {@link #signal(int)} or {@link #signalAll()}.
 *
 * <pre>{@code
 * try (var _ = condition.acquire()) {
 *     condition.awaitFor(() -> !pending.isEmpty());
 *     work = pending.removeFirst();
 * }
 * }</pre>
 *
 * <p>{@code await()} releases the lock while it waits and always holds it again when it returns
 * or throws, even when the task is cancelled while re-acquiring it: the cancellation is delivered
 * once the lock is back. Waiters are signalled in the order they began waiting. A task cancelled
 * after it was signalled passes the signal to the next waiter. As with every condition
 * variable, a woken task should re-check what it waits for: {@link #awaitFor} does that.
 *
 * <p>A condition belongs to the loop of the first task that waits on it and is used on that
 * loop's thread only; it is not thread-safe.
 */
public final class Condition {
    private final WaiterQueue waiters = new WaiterQueue();
    private final Lock lock;

    /** A condition with a lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition on {@code lock}, which other conditions or code may share. */
    public Condition(Lock lock) {
        this.lock = java.util.Objects.requireNonNull(lock, "lock");
    }

    /** The lock this condition is bound to. */
    public Lock lock() {
        return lock;
    }

    /** Takes the condition's lock: shorthand for {@code lock().acquire()}. */
    public Permit acquire() {
        return lock.acquire();
    }

    /**
     * Releases the lock, waits to be signalled, then takes the lock back before returning.
     *
     * @throws CancelledException if the task is cancelled while waiting or while taking the lock
     *     back; the lock is held again by then
     * @throws IllegalStateException if the lock is not held
     */
    public void await() {
        requireLocked("await");
        // Enqueue first: it refuses a caller outside a task, which must then still hold the lock.
        WaiterQueue.Waiter waiter = waiters.enqueue("Condition.await");
        lock.release();
        CancelledException cancelled = null;
        try {
            waiter.await();
        } catch (CancelledException e) {
            cancelled = e;
        }
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (CancelledException e) {
                // The caller's critical section expects the lock held, so keep trying; report the latest cancellation.
                cancelled = e;
            }
        }
        if (cancelled != null) {
            if (waiter.woken()) {
                wake(1);
            }
            throw cancelled;
        }
    }

    /**
     * Waits, as {@link #await()} does, until {@code predicate} holds; it is checked first, and again
     * after each wake-up, always with the lock held.
     *
     * @throws CancelledException if the task is cancelled meanwhile; the lock is held again by then
     * @throws IllegalStateException if the lock is not held
     */
    public void awaitFor(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /**
     * Wakes the longest-waiting task, if any: asyncio's {@code notify()}. (Java's
     * {@code Object.notify} names are taken by monitors, so these are named like
     * {@code java.util.concurrent.locks.Condition}'s.)
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, longest-waiting first: asyncio's {@code notify(n)}. Each
     * takes the lock back before it returns from {@link #await()}, so none runs on before the caller
     * releases the lock.
     *
     * @throws IllegalStateException if the lock is not held
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of waiters: " + n);
        }
        requireLocked("signal");
        wake(n);
    }

    /**
     * Wakes every waiting task: asyncio's {@code notify_all()}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signalAll() {
        requireLocked("signalAll");
        wake(Integer.MAX_VALUE);
    }

    private void wake(int n) {
        for (int i = 0; i < n && waiters.wakeFirst(); i++) {
            // each call wakes one
        }
    }

    private void requireLocked(String operation) {
        if (!lock.locked()) {
            throw new IllegalStateException("Condition." + operation + "() needs the condition's lock held");
        }
    }

    @Override
    public String toString() {
        return "Condition[" + lock + ", " + waiters.size() + " waiting]";
    }
}
