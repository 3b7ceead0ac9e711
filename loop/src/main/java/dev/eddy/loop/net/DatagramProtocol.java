package dev.eddy.loop.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** The callbacks a {@link DatagramTransport} makes, on the loop thread. */
public interface DatagramProtocol {

    /** The endpoint is open; keep {@code transport} to send with it. */
    default void connectionMade(DatagramTransport transport) {}

    /**
     * A datagram arrived from {@code sender}. The buffer is only valid during the call.
     */
    default void datagramReceived(ByteBuffer data, SocketAddress sender) {}

    /**
     * A send or receive failed (for example ICMP port unreachable on a connected endpoint); the
     * endpoint stays open.
     */
    default void errorReceived(Exception error) {}

    /** The endpoint is closed; {@code cause} is {@code null} after {@link DatagramTransport#close()}. */
    default void connectionLost(Throwable cause) {}
}
