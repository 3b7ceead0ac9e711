package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.IoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

/**
 * A {@link DatagramTransport} over a non-blocking {@link DatagramChannel} registered with the loop.
 *
 * <p>Receiving reuses one 64 KiB buffer per endpoint, large enough for any UDP payload. Sending
 * goes straight to the socket; only when the socket has no room is the datagram copied into a
 * bounded {@link DatagramSendQueue}, drained as the socket becomes writable. When that queue is
 * full the new datagram is dropped and the protocol hears a {@link DatagramQueueFullException}
 * through {@link DatagramProtocol#errorReceived}: UDP is lossy anyway, and a sender that must not
 * lose data has to retransmit regardless.
 */
final class DatagramChannelTransport implements DatagramTransport, IoHandler {
    /** Any UDP payload fits: IPv4 allows 65,507 bytes and IPv6 (without jumbograms) 65,527. */
    static final int MAX_DATAGRAM = 64 * 1024;
    /** Queue bounds: a few socket buffers' worth. */
    static final int MAX_QUEUED_BYTES = 256 * 1024;
    static final int MAX_QUEUED_DATAGRAMS = 1024;
    /** Datagrams read per readiness before the loop gets to serve others. */
    private static final int RECEIVES_PER_WAKEUP = 32;

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final DatagramProtocol protocol;
    private final SocketAddress localAddress;
    private final SocketAddress peerAddress;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final DatagramSendQueue queue = new DatagramSendQueue(MAX_QUEUED_BYTES, MAX_QUEUED_DATAGRAMS);
    private SelectionKey key;
    private int interest;
    private boolean closing;
    private boolean closed;

    DatagramChannelTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.localAddress = channel.getLocalAddress();
        this.peerAddress = channel.getRemoteAddress();
    }

    /**
     * Registers with the loop, then on the next iteration tells the protocol and starts reading,
     * and finally runs {@code started}.
     */
    void start(Runnable started) {
        key = loop.register(channel, 0, this);
        loop.callSoon(() -> {
            protocol.connectionMade(this);
            if (!closing) {
                setInterest(interest | SelectionKey.OP_READ);
            }
            started.run();
        });
    }

    @Override
    public void ioReady(SelectionKey readyKey) {
        int ready = readyKey.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flushQueue();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && !closing) {
            receiveSome();
        }
    }

    private void receiveSome() {
        for (int i = 0; i < RECEIVES_PER_WAKEUP && !closing; i++) {
            receiveBuffer.clear();
            SocketAddress sender;
            try {
                sender = channel.receive(receiveBuffer);
            } catch (ClosedChannelException e) {
                fail(e);
                return;
            } catch (IOException e) {
                // An ICMP error reported on a connected socket, for one earlier datagram: the
                // endpoint itself is fine.
                protocol.errorReceived(e);
                continue;
            }
            if (sender == null) {
                return;
            }
            receiveBuffer.flip();
            protocol.datagramReceived(receiveBuffer, sender);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The transport keeps no reference to {@code data}. A failed send (an unreachable network,
     * a datagram too large) and a drop for a full queue are reported through
     * {@link DatagramProtocol#errorReceived}, not thrown.
     *
     * @throws IllegalStateException if the endpoint is closing
     * @throws IllegalArgumentException if {@code target} is missing on an unconnected endpoint,
     *     differs from the peer of a connected one, or is an unresolved address
     */
    @Override
    public void sendTo(ByteBuffer data, SocketAddress target) {
        Objects.requireNonNull(data, "data");
        if (closing) {
            throw new IllegalStateException("sendTo on a closed datagram endpoint");
        }
        SocketAddress destination = destination(target);
        if (queue.isEmpty() && sendOrReport(data, destination)) {
            return;
        }
        if (queue.offer(data, destination)) {
            setInterest(interest | SelectionKey.OP_WRITE);
        } else {
            protocol.errorReceived(new DatagramQueueFullException("dropped a datagram of " + data.remaining()
                    + " bytes to " + destination + ": the socket is full and so is the send queue ("
                    + queue.describeLimits() + ")"));
        }
    }

    private SocketAddress destination(SocketAddress target) {
        if (peerAddress != null) {
            if (target != null && !target.equals(peerAddress)) {
                throw new IllegalArgumentException("this endpoint is connected to " + peerAddress
                        + "; it cannot send to " + target);
            }
            return peerAddress;
        }
        if (target == null) {
            throw new IllegalArgumentException("this endpoint is not connected, so sendTo needs a target address");
        }
        if (target instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new IllegalArgumentException("cannot send to the unresolved address " + target
                    + "; resolve it first, off the loop thread");
        }
        return target;
    }

    /**
     * Sends one datagram, reporting a failure to the protocol (or failing the endpoint if the
     * channel is gone).
     *
     * @return {@code false} only if the socket had no room for it; a failed datagram is done with
     */
    private boolean sendOrReport(ByteBuffer data, SocketAddress destination) {
        int size = data.remaining();
        try {
            int sent = peerAddress != null ? channel.write(data) : channel.send(data, destination);
            return sent > 0 || size == 0;
        } catch (ClosedChannelException e) {
            fail(e);
        } catch (IOException e) {
            protocol.errorReceived(e);
        }
        return true;
    }

    private void flushQueue() {
        DatagramSendQueue.Pending next;
        while ((next = queue.peek()) != null) {
            if (!sendOrReport(next.data(), next.target())) {
                return;
            }
            if (closed) {
                return;
            }
            queue.removeFirst();
        }
        setInterest(interest & ~SelectionKey.OP_WRITE);
        if (closing) {
            finishClose(null);
        }
    }

    /** {@inheritDoc} Queued datagrams are still sent first. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        setInterest(interest & ~SelectionKey.OP_READ);
        if (queue.isEmpty()) {
            finishClose(null);
        }
    }

    @Override
    public void abort() {
        closing = true;
        queue.clear();
        finishClose(null);
    }

    private void fail(Exception cause) {
        closing = true;
        queue.clear();
        finishClose(cause);
    }

    private void finishClose(Exception cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a datagram socket has nothing left to flush; there is nothing to report.
        }
        loop.callSoon(() -> protocol.connectionLost(cause));
    }

    private void setInterest(int ops) {
        interest = ops;
        if (key != null && key.isValid()) {
            key.interestOps(ops);
        }
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SocketAddress peerAddress() {
        return peerAddress;
    }

    @Override
    public int getWriteBufferSize() {
        return queue.bytes();
    }

    @Override
    public String toString() {
        return "DatagramTransport[" + localAddress + (peerAddress != null ? " -> " + peerAddress : "")
                + (closed ? ", closed]" : closing ? ", closing]" : "]");
    }
}
