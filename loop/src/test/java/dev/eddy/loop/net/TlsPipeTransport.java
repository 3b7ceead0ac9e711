package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One end of an in-memory connection, for testing what sits on a {@link Transport}. Writes reach
 * the other end's protocol through {@code callSoon}, cut into chunks of at most {@code maxChunk}
 * bytes (so TLS records arrive split); a reader that pauses holds the data back in the writer's
 * buffer, which pauses the writer past its high-water mark, as TCP would.
 */
final class TlsPipeTransport implements Transport {
    private final EventLoop loop;
    private final InetSocketAddress address;
    private final int maxChunk;
    private final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
    private TlsPipeTransport peer;
    private Protocol protocol;
    private int outboundBytes;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_LOW_WATER;
    private boolean reading = true;
    private boolean writePaused;
    private boolean deliveryScheduled;
    private boolean eofQueued;
    private boolean eofSent;
    private boolean closing;
    private boolean lost;
    /** Every byte this end was asked to write, for tests that look at the wire. */
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    private TlsPipeTransport(EventLoop loop, int port, int maxChunk) {
        this.loop = loop;
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.maxChunk = maxChunk;
    }

    /** Two connected ends; each protocol hears {@code connectionMade} on the next iteration. */
    static TlsPipeTransport[] connect(EventLoop loop, Protocol left, Protocol right, int maxChunk) {
        TlsPipeTransport a = new TlsPipeTransport(loop, 40001, maxChunk);
        TlsPipeTransport b = new TlsPipeTransport(loop, 40002, maxChunk);
        a.peer = b;
        b.peer = a;
        a.protocol = left;
        b.protocol = right;
        loop.callSoon(() -> left.connectionMade(a));
        loop.callSoon(() -> right.connectionMade(b));
        return new TlsPipeTransport[] {a, b};
    }

    @Override
    public void write(ByteBuffer data) {
        if (closing || eofQueued) {
            throw new IllegalStateException("write after close or writeEof");
        }
        if (!data.hasRemaining()) {
            return;
        }
        wire.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        outboundBytes += data.remaining();
        outbound.add(data);
        scheduleDelivery();
        if (!writePaused && outboundBytes > high) {
            writePaused = true;
            protocol.pauseWriting();
        }
    }

    private void scheduleDelivery() {
        if (!deliveryScheduled) {
            deliveryScheduled = true;
            loop.callSoon(this::deliver);
        }
    }

    private void deliver() {
        deliveryScheduled = false;
        if (lost) {
            return;
        }
        while (!outbound.isEmpty() && (peer.reading || peer.lost)) {
            ByteBuffer head = outbound.peek();
            int count = Math.min(head.remaining(), maxChunk);
            ByteBuffer chunk = head.slice(head.position(), count);
            head.position(head.position() + count);
            if (!head.hasRemaining()) {
                outbound.poll();
            }
            outboundBytes -= count;
            if (!peer.lost) {
                peer.protocol.dataReceived(chunk);
            }
        }
        if (writePaused && outboundBytes <= low) {
            writePaused = false;
            protocol.resumeWriting();
        }
        if (outbound.isEmpty() && (eofQueued || closing) && !eofSent) {
            eofSent = true;
            loop.callSoon(peer::receiveEof);
        }
        if (outbound.isEmpty() && closing) {
            lose(null);
        }
    }

    private void receiveEof() {
        if (!lost && !protocol.eofReceived()) {
            close();
        }
    }

    private void lose(Throwable cause) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        loop.callSoon(() -> protocol.connectionLost(cause));
    }

    @Override
    public void writeEof() {
        eofQueued = true;
        scheduleDelivery();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        reading = false;
        scheduleDelivery();
    }

    @Override
    public void abort() {
        closing = true;
        outbound.clear();
        outboundBytes = 0;
        lose(null);
        peer.lose(new IOException("connection reset by peer"));
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void pauseReading() {
        reading = false;
    }

    @Override
    public void resumeReading() {
        if (!closing) {
            reading = true;
            peer.scheduleDelivery();
        }
    }

    @Override
    public boolean isReading() {
        return reading;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        this.high = high;
        this.low = low;
    }

    @Override
    public int getWriteBufferSize() {
        return outboundBytes;
    }

    @Override
    public SocketAddress peerAddress() {
        return peer.address;
    }

    @Override
    public SocketAddress localAddress() {
        return address;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }
}
