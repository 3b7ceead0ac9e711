package dev.eddy.loop.net;

import java.nio.ByteBuffer;

/**
 * A {@link Protocol} that supplies its own buffer for the transport to read into, so received
 * bytes land where they are needed without a copy: the path for bulk data.
 *
 * <p>For each read the transport calls {@link #getBuffer(int)}, reads from the socket into the
 * buffer's remaining space, then calls {@link #bufferUpdated(int)}. {@link #dataReceived} is not
 * called on a buffered protocol.
 *
 * <p>A protocol that knows where the next bytes belong, several places at once, can ask for a
 * scattering read instead ({@link #getBuffers}): one system call then fills each of its buffers in
 * turn. Transports that cannot scatter (TLS) keep to {@link #getBuffer}.
 */
public interface BufferedProtocol extends Protocol {
    /** The most buffers {@link #getBuffers} is offered room for. */
    int MAX_SCATTER = 16;

    /**
     * The buffer to read into next. The transport writes from its position up to its limit, and
     * leaves the position after the bytes written.
     *
     * @param sizeHint how many bytes the transport would like room for; a smaller buffer is fine,
     *     but it must have at least one byte remaining
     */
    ByteBuffer getBuffer(int sizeHint);

    /** {@code count} bytes were just written into the buffer from {@link #getBuffer}. */
    void bufferUpdated(int count);

    /**
     * Offers a scattering read: fill {@code into} from index 0 with the buffers to read into, in
     * order, and return how many. The transport reads into their remaining space, the first buffer
     * first, and then calls {@link #buffersFilled}, whatever the read brought; {@link #getBuffer} and
     * {@link #bufferUpdated} are not called for that read. Return 0 (the default) for a plain read.
     *
     * @param into room for up to {@link #MAX_SCATTER} buffers; the transport forgets them after the read
     * @return how many buffers were put in {@code into}
     */
    default int getBuffers(ByteBuffer[] into) {
        return 0;
    }

    /**
     * Ends a scattering read offered by {@link #getBuffers}: {@code count} bytes were written across
     * its buffers, in order, each buffer's position moved past what it got. Called even when the read
     * brought nothing: 0 at the end of the stream, before {@link #eofReceived}, or when no byte was
     * ready after all.
     *
     * @param count how many bytes the read brought, 0 or more
     */
    default void buffersFilled(long count) {
    }
}
