package dev.eddy.loop;

/** When {@link Async#wait} returns. */
public enum WaitMode {
    /** As soon as any future is done. */
    FIRST_COMPLETED,
    /** As soon as any future fails, or when all are done if none fails. Cancellation is not failure. */
    FIRST_EXCEPTION,
    /** When every future is done. */
    ALL_COMPLETED
}
