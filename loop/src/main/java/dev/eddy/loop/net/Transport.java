package dev.eddy.loop.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A bidirectional byte stream, such as a TCP connection or TLS over one, driven by the loop and
 * feeding a {@link Protocol}. Used on the loop thread only.
 *
 * <p>Writes never block: bytes the socket cannot take at once are buffered, and when the buffer
 * passes its high-water mark the protocol is told to {@link Protocol#pauseWriting pause}.
 */
public interface Transport {

    /** Default high-water mark of the write buffer, in bytes. */
    int DEFAULT_HIGH_WATER = 64 * 1024;

    /** Default low-water mark of the write buffer, in bytes. */
    int DEFAULT_LOW_WATER = 16 * 1024;

    /**
     * Queues the buffer's remaining bytes for sending. The transport may keep a reference to the
     * buffer until sent, so the caller must not reuse it; see {@link #writeCopy} when it must.
     */
    void write(ByteBuffer data);

    /** Copies {@code data}'s remaining bytes and queues the copy; the caller may reuse the buffer at once. */
    default void writeCopy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        write(copy);
    }

    /** Queues {@code data} for sending; see {@link #write(ByteBuffer)}. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Closes our sending side once the buffered data is sent (a half-close); reading goes on. */
    void writeEof();

    /** Whether {@link #writeEof()} is supported (TLS cannot half-close). */
    boolean canWriteEof();

    /**
     * Closes the transport once the buffered data is sent; {@link Protocol#connectionLost} follows
     * with {@code null}. Closing twice does nothing.
     */
    void close();

    /** Closes the transport at once, dropping buffered data; {@link Protocol#connectionLost} follows. */
    void abort();

    /** Whether {@link #close()} or {@link #abort()} was called, or the connection was lost. */
    boolean isClosing();

    /** Stops reading: no {@link Protocol#dataReceived} until {@link #resumeReading()}. */
    void pauseReading();

    /** Starts reading again after {@link #pauseReading()}. */
    void resumeReading();

    /** Whether the transport is reading (not paused and not closing). */
    boolean isReading();

    /**
     * Sets the write buffer's water marks: past {@code high} bytes the protocol is paused, and once
     * drained to {@code low} it is resumed.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    void setWriteBufferLimits(int high, int low);

    /** How many bytes are buffered, waiting to be sent. */
    int getWriteBufferSize();

    /** The remote address, or {@code null} if unknown. */
    SocketAddress peerAddress();

    /** The local address, or {@code null} if unknown. */
    SocketAddress localAddress();

    /** The protocol this transport feeds. */
    Protocol protocol();

    /**
     * Switches the transport to feed {@code protocol} from now on, as when a stream is upgraded
     * to TLS. The new protocol gets no {@link Protocol#connectionMade} call.
     */
    void setProtocol(Protocol protocol);
}
