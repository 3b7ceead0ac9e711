package dev.eddy.loop;

import java.io.Serial;

/**
 * Thrown by {@link Future#result()} and {@link Future#await()} when the future was cancelled, and
 * delivered into a {@link Task} at its current or next {@code await()} when the task is cancelled.
 *
 * <p>A task may catch it to clean up, and should normally let it propagate afterwards; swallowing it
 * is allowed, as in asyncio, and leaves the task running.
 */
public class CancelledException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A cancellation with an optional message ({@code null} for none). */
    public CancelledException(String message) {
        super(message);
    }
}
