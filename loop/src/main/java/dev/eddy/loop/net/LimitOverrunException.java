package dev.eddy.loop.net;

import java.io.Serial;

/**
 * {@link StreamReader#readUntil} or {@link StreamReader#readLine} found no separator within the
 * reader's limit. The bytes stay in the reader, so the caller may read them some other way.
 */
public class LimitOverrunException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int buffered;

    /**
     * @param message what was looked for and the limit
     * @param buffered how many bytes the reader holds, none of them consumed
     */
    public LimitOverrunException(String message, int buffered) {
        super(message);
        this.buffered = buffered;
    }

    /** How many bytes the reader holds. */
    public int buffered() {
        return buffered;
    }
}
