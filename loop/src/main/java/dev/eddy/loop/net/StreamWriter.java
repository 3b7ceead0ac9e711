package dev.eddy.loop.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The sending side of a stream connection, at coroutine level. {@link #write} never waits; call
 * {@link #drain} after writing to wait while the peer is slow, so that what is buffered stays
 * bounded. Used on the loop thread only.
 */
public final class StreamWriter {
    private final Transport transport;
    private final StreamProtocol protocol;
    private final StreamReader reader;

    StreamWriter(Transport transport, StreamProtocol protocol, StreamReader reader) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
    }

    /**
     * Queues {@code data} for sending, without copying: do not change the array afterwards.
     */
    public void write(byte[] data) {
        transport.write(ByteBuffer.wrap(data));
    }

    /** Queues {@code data}'s remaining bytes, without copying: do not reuse the buffer afterwards. */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /** Queues {@code text} in UTF-8. */
    public void write(String text) {
        transport.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Waits until the transport's write buffer is below its high-water mark; returns at once when
     * it already is.
     *
     * @throws ConnectionException if the connection was lost (with the reason, such as a reset)
     */
    public void drain() {
        Throwable readFailure = reader.exception();
        if (readFailure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        protocol.drain();
    }

    /** Closes our sending side once the buffered bytes are sent; we can still read. */
    public void writeEof() {
        transport.writeEof();
    }

    /** Whether {@link #writeEof()} is possible (not over TLS). */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the connection once the buffered bytes are sent. See {@link #waitClosed()}. */
    public void close() {
        transport.close();
    }

    /** Whether the connection is closing or closed. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Suspends until the connection is gone. */
    public void waitClosed() {
        protocol.closed().await();
    }

    /** The transport underneath, for its addresses and its flow-control settings. */
    public Transport transport() {
        return transport;
    }

    /** The peer's address. */
    public SocketAddress peerAddress() {
        return transport.peerAddress();
    }
}
