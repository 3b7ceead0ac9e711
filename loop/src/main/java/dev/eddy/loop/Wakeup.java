package dev.eddy.loop;

/**
 * A wake-up call for a task that waits for the same thing again and again, such as a connection's
 * read loop waiting for bytes: {@link #await()} parks the calling task until the next
 * {@link #signal()}. One future serves every wait, so waiting allocates nothing, where awaiting a
 * fresh {@link Future} each time costs one per wait.
 *
 * <p>One task waits at a time. A signal while no task waits is not remembered: the waiter looks at
 * its condition before it waits. Cancelling the waiting task wakes it with a
 * {@link CancelledException}, as awaiting any future does, and the wake-up can be awaited again.
 *
 * <p>Used on its loop's thread only; not thread-safe.
 */
public final class Wakeup {
    private final Future<Void> future;
    private boolean waiting;

    /**
     * A wake-up for tasks of {@code loop}.
     *
     * @param loop the loop whose task will wait
     */
    public Wakeup(EventLoop loop) {
        this.future = new Future<>(loop);
    }

    /**
     * Suspends the current task until {@link #signal()} is called.
     *
     * @throws CancelledException if the task is cancelled while waiting
     * @throws IllegalStateException if a task is waiting already, or outside a task
     */
    public void await() {
        if (waiting) {
            throw new IllegalStateException("a task is already waiting on this wake-up");
        }
        future.rearm();
        waiting = true;
        try {
            future.await();
        } finally {
            waiting = false;
        }
    }

    /**
     * Wakes the waiting task, which resumes on a later loop iteration.
     *
     * @return {@code false} if no task was waiting, or it was woken already and has not run yet
     */
    public boolean signal() {
        if (!waiting || future.done()) {
            return false;
        }
        future.setResult(null);
        return true;
    }

    /** {@return whether a task is in {@link #await()}, woken or not} */
    public boolean isWaiting() {
        return waiting;
    }
}
