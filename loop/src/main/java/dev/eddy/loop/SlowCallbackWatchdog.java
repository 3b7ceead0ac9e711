package dev.eddy.loop;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Debug mode's eye on the loop thread: a daemon thread that notices a callback running past the
 * threshold and captures the loop thread's stack while the culprit is still on it, which is the
 * one moment the stack says where the time goes.
 */
final class SlowCallbackWatchdog {
    private static final StackTraceElement[] NONE = new StackTraceElement[0];

    private final Thread loopThread;
    private final long thresholdNanos;
    private final Thread watcher;
    /** Start of the callback running now, or 0 between callbacks. */
    private volatile long currentStart;
    private volatile long capturedFor;
    private volatile StackTraceElement[] captured = NONE;
    private volatile boolean stopped;

    private SlowCallbackWatchdog(Thread loopThread, Duration threshold) {
        this.loopThread = loopThread;
        this.thresholdNanos = threshold.toNanos();
        this.watcher = Thread.ofPlatform().daemon().name("eddy-loop-watchdog").unstarted(this::watch);
    }

    static SlowCallbackWatchdog start(Thread loopThread, Duration threshold) {
        SlowCallbackWatchdog watchdog = new SlowCallbackWatchdog(loopThread, threshold);
        watchdog.watcher.start();
        return watchdog;
    }

    /** The loop is about to run a callback; returns its start time for {@link #end}. */
    long begin() {
        long start = System.nanoTime();
        currentStart = start == 0 ? 1 : start;
        return currentStart;
    }

    /** The callback begun at {@code start} is over; returns the stack captured while it ran, if any. */
    StackTraceElement[] end(long start) {
        currentStart = 0;
        return capturedFor == start ? captured : NONE;
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(watcher);
    }

    private void watch() {
        long pollNanos = Math.max(1_000_000, thresholdNanos / 4);
        while (!stopped) {
            LockSupport.parkNanos(pollNanos);
            long start = currentStart;
            if (start != 0 && capturedFor != start && System.nanoTime() - start > thresholdNanos) {
                StackTraceElement[] stack = loopThread.getStackTrace();
                if (currentStart == start) {
                    captured = stack;
                    capturedFor = start;
                }
            }
        }
    }
}
