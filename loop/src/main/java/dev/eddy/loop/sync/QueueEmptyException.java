package dev.eddy.loop.sync;

import java.io.Serial;

/** Thrown by {@link Queue#getNowait} when the queue has no item to give. */
public class QueueEmptyException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An empty-queue error with a message saying which queue. */
    public QueueEmptyException(String message) {
        super(message);
    }
}
