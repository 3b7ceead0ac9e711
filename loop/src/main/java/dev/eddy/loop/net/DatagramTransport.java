package dev.eddy.loop.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A UDP endpoint on the loop. Used on the loop thread only. */
public interface DatagramTransport {

    /**
     * Sends {@code data}'s remaining bytes as one datagram to {@code target}, or to the connected
     * remote address when {@code target} is {@code null}. Never blocks: a datagram the socket
     * cannot take at once is queued. The transport keeps no reference to {@code data}, so the
     * caller may reuse it as soon as the call returns.
     */
    void sendTo(ByteBuffer data, SocketAddress target);

    /** Closes the endpoint; {@link DatagramProtocol#connectionLost} follows. */
    void close();

    /** Closes at once, dropping queued datagrams. */
    void abort();

    /** Whether the endpoint is closing or closed. */
    boolean isClosing();

    /** The local address it is bound to. */
    SocketAddress localAddress();

    /** The connected remote address, or {@code null} if not connected. */
    SocketAddress peerAddress();

    /** How many bytes of datagrams are queued, waiting to be sent. */
    int getWriteBufferSize();
}
