package dev.eddy.loop.net;

import java.nio.ByteBuffer;

/**
 * A {@link Protocol} that supplies its own buffer for the transport to read into, so received
 * bytes land where they are needed without a copy: the path for bulk data.
 *
 * <p>For each read the transport calls {@link #getBuffer(int)}, reads from the socket into the
 * buffer's remaining space, then calls {@link #bufferUpdated(int)}. {@link #dataReceived} is not
 * called on a buffered protocol.
 */
public interface BufferedProtocol extends Protocol {

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
}
