package dev.eddy.loop.sync;

/**
 * What {@link Lock#acquire()} and {@link Semaphore#acquire()} hand back: closing it releases what
 * was acquired, so a critical section reads as a try-with-resources block.
 *
 * <pre>{@code
 * try (var _ = lock.acquire()) {
 *     // only one task at a time in here, across awaits too
 * }
 * }</pre>
 *
 * <p>A permit releases once; closing it again is an error, since the lock may belong to another
 * task by then. Code that prefers explicit calls may ignore the permit and call {@code release()}
 * in a {@code finally} block instead.
 */
public final class Permit implements AutoCloseable {
    private Runnable release;

    Permit(Runnable release) {
        this.release = release;
    }

    /**
     * Releases what was acquired.
     *
     * @throws IllegalStateException if this permit was closed already
     */
    @Override
    public void close() {
        Runnable r = release;
        if (r == null) {
            throw new IllegalStateException("this permit was released already");
        }
        release = null;
        r.run();
    }
}
