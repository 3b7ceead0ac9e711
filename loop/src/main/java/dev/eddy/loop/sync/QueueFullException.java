package dev.eddy.loop.sync;

import java.io.Serial;

/** Thrown by {@link Queue#putNowait} when the queue has no free slot. */
public class QueueFullException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A full-queue error with a message saying which queue. */
    public QueueFullException(String message) {
        super(message);
    }
}
