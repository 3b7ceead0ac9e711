package dev.eddy.loop.sync;

/**
 * A {@link Semaphore} that catches release bugs: releasing more permits than it started with is
 * an error instead of a silent increase, as with asyncio's {@code BoundedSemaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    /**
     * A bounded semaphore with {@code permits} permits, which is also the most it can ever hold.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public BoundedSemaphore(int permits) {
        super(permits, permits);
    }
}
