package dev.eddy.loop;

import java.io.Serial;

/**
 * Thrown when an operation did not finish within its deadline: by {@link Async#waitFor} and by a
 * {@link Timeout} scope that expired. Unchecked, like every error the loop raises into coroutines.
 */
public class TimeoutException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A timeout with a message saying what timed out. */
    public TimeoutException(String message) {
        super(message);
    }
}
