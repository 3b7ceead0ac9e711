package dev.eddy.loop.net;

import java.io.Serial;

/**
 * The stream ended before a {@link StreamReader#readExactly} or {@link StreamReader#readUntil}
 * could be satisfied. Carries the bytes that did arrive; they are consumed from the reader.
 */
public class IncompleteReadException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were asked for, or -1 when reading up to a separator
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(partial.length + " bytes read before the end of the stream"
                + (expected < 0 ? ", and no separator" : ", " + expected + " expected"));
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes that arrived before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were asked for, or -1 when reading up to a separator. */
    public int expected() {
        return expected;
    }
}
