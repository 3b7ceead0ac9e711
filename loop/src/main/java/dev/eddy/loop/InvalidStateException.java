package dev.eddy.loop;

import java.io.Serial;

/**
 * Thrown when an operation does not fit a future's state: asking a pending future for its result,
 * or completing a future twice.
 */
public class InvalidStateException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An invalid-state error with a message saying which state and which operation. */
    public InvalidStateException(String message) {
        super(message);
    }
}
