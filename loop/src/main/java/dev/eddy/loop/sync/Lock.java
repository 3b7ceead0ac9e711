package dev.eddy.loop.sync;

/**
 * A mutual-exclusion lock for tasks on one loop, like asyncio's {@code Lock}: a critical section
 * that spans an {@code await} needs one, since {@code synchronized} cannot keep apart tasks that
 * share the loop's thread.
 *
 * <pre>{@code
 * try (var _ = lock.acquire()) {
 *     int seen = counter;
 *     Async.sleep(Duration.ZERO); // other tasks run here, but none enters this block
 *     counter = seen + 1;
 * }
 * }</pre>
 *
 * <p>Fair: waiting tasks get the lock in the order they asked for it. On release the lock passes
 * straight to the first waiter, so a task that calls {@code acquire()} before that waiter has
 * run waits its turn rather than barging in. A waiting task that is cancelled leaves the queue at
 * once; one cancelled after the lock was handed to it but before it ran passes the lock on to the
 * next waiter.
 *
 * <p>The lock is not reentrant and does not track its owner: any task may release it, as in
 * asyncio. It belongs to the loop of the first task that waits on it and is used on that loop's
 * thread only; it is not thread-safe.
 */
public final class Lock {
    private final WaiterQueue waiters = new WaiterQueue();
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {}

    /**
     * Takes the lock, suspending the current task until it is free.
     *
     * @return a permit whose {@link Permit#close()} releases the lock
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting; it then
     *     holds nothing
     * @throws IllegalStateException if the task would have to wait but is not running in a task
     */
    public Permit acquire() {
        if (!locked) {
            // Nobody waits on a free lock: release() hands it straight to a waiter if there is one.
            locked = true;
        } else {
            waiters.park("Lock.acquire", this::release);
            // release() kept the lock locked and handed it to us.
        }
        return new Permit(this::release);
    }

    /**
     * Releases the lock, handing it to the longest-waiting task if there is one.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("release() of a Lock that is not locked");
        }
        if (!waiters.wakeFirst()) {
            locked = false;
        }
    }

    /** Whether the lock is held, or handed to a waiter that has not yet run. */
    public boolean locked() {
        return locked;
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked, " + waiters.size() + " waiting" : "unlocked") + "]";
    }
}
