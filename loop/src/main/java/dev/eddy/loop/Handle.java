package dev.eddy.loop;

/**
 * A callback scheduled on an {@link EventLoop}, returned by {@link EventLoop#callSoon}, so that it
 * can be cancelled before it runs.
 */
public sealed class Handle permits TimerHandle {
    final Runnable callback;
    private volatile boolean cancelled;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /**
     * Cancels the callback if it has not run yet; a cancelled callback never runs. Cancelling
     * twice, or after the callback ran, does nothing. Safe to call from any thread.
     */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Handle[" + callback + (cancelled ? ", cancelled]" : "]");
    }
}
