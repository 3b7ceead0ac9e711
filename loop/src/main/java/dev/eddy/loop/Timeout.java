package dev.eddy.loop;

/**
 * A deadline over a block of code in a task, like asyncio's {@code timeout()}: when it passes, the
 * task is cancelled, and the {@link CancelledException} that unwinds the block becomes a
 * {@link TimeoutException} at its end. Cancellation from anywhere else passes through untouched.
 *
 * <p>Run one with {@link Async#timeout} or {@link Async#timeoutAt}; the body receives the scope so
 * it can {@link #reschedule} the deadline as it goes.
 */
public final class Timeout {

    /** A timed block that receives its own scope. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the block; {@code scope} is the running timeout. */
        T run(Timeout scope) throws Exception;
    }

    private enum State { ACTIVE, EXPIRING, EXPIRED, FINISHED }

    private final Task<?> task;
    private final EventLoop loop;
    private long when;
    private final long startedAt;
    /** The pending expiry: a timer, or a ready callback when the deadline had already passed. */
    private Handle timer;
    private State state = State.ACTIVE;

    private Timeout(Task<?> task, long when) {
        this.task = task;
        this.loop = task.loop;
        this.when = when;
        this.startedAt = loop.time();
    }

    static <T> T run(long when, Body<T> body) throws Exception {
        Task<?> task = Async.currentTask("timeout");
        Timeout scope = new Timeout(task, when);
        int cancellingBefore = task.cancelling();
        scope.arm();
        try {
            T value = body.run(scope);
            scope.leave();
            return value;
        } catch (CancelledException cancelled) {
            boolean ours = scope.leave() && task.uncancel() <= cancellingBefore;
            if (ours) {
                TimeoutException timeout = new TimeoutException("timed out after " + scope.elapsedMillis() + " ms");
                timeout.initCause(cancelled);
                throw timeout;
            }
            throw cancelled;
        } catch (Throwable other) {
            scope.leave();
            throw other;
        }
    }

    /** The deadline, in loop time (nanoseconds), or {@link Long#MAX_VALUE} for none. */
    public long when() {
        return when;
    }

    /** Whether the deadline passed and cancelled the block. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Moves the deadline to {@code newWhen} (loop time; {@link Long#MAX_VALUE} for none). A deadline
     * already past expires the block on the next iteration.
     *
     * @throws IllegalStateException if the block has finished or already expired
     */
    public void reschedule(long newWhen) {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("cannot reschedule a timeout that has " + (expired() ? "expired" : "finished"));
        }
        when = newWhen;
        if (timer != null) {
            timer.cancel();
        }
        arm();
    }

    private void arm() {
        if (when == Long.MAX_VALUE) {
            timer = null;
        } else if (when - loop.time() <= 0) {
            timer = loop.callSoon(this::expire);
        } else {
            timer = loop.callAt(when, this::expire);
        }
    }

    private void expire() {
        if (state == State.ACTIVE) {
            state = State.EXPIRING;
            task.cancel("timeout");
        }
    }

    /** Leaves the block; returns whether the deadline had fired during it. */
    private boolean leave() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        boolean fired = state == State.EXPIRING;
        state = fired ? State.EXPIRED : State.FINISHED;
        return fired;
    }

    private long elapsedMillis() {
        return (loop.time() - startedAt) / 1_000_000;
    }
}
