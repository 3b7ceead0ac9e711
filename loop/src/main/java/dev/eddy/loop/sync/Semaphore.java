package dev.eddy.loop.sync;

/**
 * A counting semaphore for tasks on one loop, like asyncio's {@code Semaphore}: it holds a number
 * of permits; {@link #acquire()} takes one, waiting while there are none, and {@link #release()}
 * gives one back.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(50);
 * try (var _ = connections.acquire()) {
 *     talkToPeer(address);
 * }
 * }</pre>
 *
 * <p>Fair: waiting tasks get permits in the order they asked. A released permit goes straight to
 * the first waiter, so a later {@code acquire()} cannot barge in ahead of it. A waiting task that is
 * cancelled leaves the queue at once; one cancelled after a permit was handed to it but before it
 * ran passes the permit on.
 *
 * <p>{@link #release()} may raise the count above its initial value; {@link BoundedSemaphore}
 * refuses that. A semaphore belongs to the loop of the first task that waits on it and is used on
 * that loop's thread only; it is not thread-safe.
 */
public sealed class Semaphore permits BoundedSemaphore {
    private final WaiterQueue waiters = new WaiterQueue();
    private final int bound;
    private int available;

    /**
     * A semaphore with {@code permits} permits available.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        this(permits, Integer.MAX_VALUE);
    }

    Semaphore(int permits, int bound) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore needs a permit count of zero or more, not " + permits);
        }
        this.available = permits;
        this.bound = bound;
    }

    /**
     * Takes a permit, suspending the current task until one is available.
     *
     * @return a permit whose {@link Permit#close()} releases it
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting; it then
     *     holds no permit
     * @throws IllegalStateException if the task would have to wait but is not running in a task
     */
    public Permit acquire() {
        if (available > 0) {
            // Permits are only left lying around when nobody waits: release() hands them to waiters first.
            available--;
        } else {
            waiters.park("Semaphore.acquire", this::release);
        }
        return new Permit(this::release);
    }

    /**
     * Gives a permit back: to the longest-waiting task if there is one, otherwise to the count.
     *
     * @throws IllegalStateException if the count would pass its bound: the initial count for a
     *     {@link BoundedSemaphore}, {@link Integer#MAX_VALUE} otherwise
     */
    public void release() {
        if (waiters.wakeFirst()) {
            return;
        }
        if (available >= bound) {
            throw new IllegalStateException(getClass().getSimpleName() + " released more times than it was acquired: "
                    + "it already has all " + bound + " permits");
        }
        available++;
    }

    /** Whether {@link #acquire()} would have to wait. */
    public boolean locked() {
        return available == 0;
    }

    /** How many permits {@link #acquire()} can take without waiting. */
    public int available() {
        return available;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[available=" + available + ", waiting=" + waiters.size() + "]";
    }
}
