package dev.eddy.loop;

/**
 * A callback scheduled for a point in loop time by {@link EventLoop#callLater} or
 * {@link EventLoop#callAt}.
 */
public final class TimerHandle extends Handle {
    private final EventLoop loop;
    final long when;
    /** Ties between equal deadlines go to the timer scheduled first. */
    final long sequence;
    /** Position in the loop's timer heap, or -1 when not in it. */
    int heapIndex = -1;

    TimerHandle(EventLoop loop, long when, long sequence, Runnable callback) {
        super(callback);
        this.loop = loop;
        this.when = when;
        this.sequence = sequence;
    }

    /** The loop time, in nanoseconds, at which the callback is due. */
    public long when() {
        return when;
    }

    /**
     * Cancels the timer. On the loop's thread it also leaves the timer heap at once, so a program
     * that schedules and cancels many timeouts keeps the heap small.
     */
    @Override
    public void cancel() {
        super.cancel();
        loop.timerCancelled(this);
    }

    boolean dueBefore(TimerHandle other) {
        return when != other.when ? when - other.when < 0 : sequence < other.sequence;
    }
}
