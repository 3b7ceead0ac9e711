package dev.eddy.loop.sync;

/**
 * A flag that tasks can wait for, like asyncio's {@code Event}: {@link #set()} wakes every task
 * in {@link #await()}, and while the flag stays set, {@code await()} returns at once.
 *
 * <pre>{@code
 * Event ready = new Event();
 * loop.createTask(() -> { ready.await(); startDownloading(); });
 * // later
 * ready.set();
 * }</pre>
 *
 * <p>Woken tasks run in the order they began waiting. A waiting task that is cancelled leaves the
 * event at once. A parked task costs the event one small future (about 48 bytes).
 *
 * <p>An event belongs to the loop of the first task that waits on it and is used on that loop's
 * thread only; it is not thread-safe (from another thread, use {@code loop.callSoonThreadsafe(event::set)}).
 */
public final class Event {
    private final WaiterQueue waiters = new WaiterQueue();
    private boolean set;

    /** An event whose flag is clear. */
    public Event() {}

    /** Sets the flag and wakes every waiting task. Setting a set event does nothing. */
    public void set() {
        if (!set) {
            set = true;
            waiters.wakeAll();
        }
    }

    /** Clears the flag, so that later {@link #await()} calls wait for the next {@link #set()}. */
    public void clear() {
        set = false;
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return set;
    }

    /**
     * Returns once the flag is set: at once if it is set now, otherwise after suspending the current
     * task until the next {@link #set()} (even if the flag is cleared again before the task runs).
     *
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting
     * @throws IllegalStateException if the flag is clear and the caller is not running in a task
     */
    public void await() {
        if (!set) {
            // Awaited directly rather than through park(): there is nothing to pass on, since set()
            // wakes every waiter anyway, and one frame less keeps a parked task smaller.
            waiters.enqueue("Event.await").await();
        }
    }

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "clear, " + waiters.size() + " waiting") + "]";
    }
}
