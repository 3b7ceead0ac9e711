package dev.eddy.loop.net;

import java.nio.ByteBuffer;

/**
 * The callbacks a stream {@link Transport} makes into the code that uses it, as in asyncio. All
 * are called on the loop thread.
 *
 * <p>Order: {@link #connectionMade} once; then any number of {@link #dataReceived}; then at most
 * one {@link #eofReceived}; then {@link #connectionLost} once. {@link #pauseWriting} and
 * {@link #resumeWriting} may come in between, in strict alternation.
 */
public interface Protocol {

    /** The connection is up; keep {@code transport} to write to it. */
    default void connectionMade(Transport transport) {}

    /**
     * Bytes arrived. The buffer is only valid during the call: copy what you keep, since the
     * transport reuses it.
     */
    default void dataReceived(ByteBuffer data) {}

    /**
     * The peer half-closed its side (it will send no more).
     *
     * @return {@code true} to keep our side open for writing, {@code false} to close the transport
     */
    default boolean eofReceived() {
        return false;
    }

    /**
     * The connection is gone.
     *
     * @param cause {@code null} after a clean close or EOF, otherwise why it was lost
     */
    default void connectionLost(Throwable cause) {}

    /** The transport's write buffer went over its high-water mark: stop writing for now. */
    default void pauseWriting() {}

    /** The write buffer drained to its low-water mark: writing may go on. */
    default void resumeWriting() {}
}
