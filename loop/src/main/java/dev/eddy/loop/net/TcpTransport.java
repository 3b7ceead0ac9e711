package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.IoHandler;
import dev.eddy.loop.LoopDiagnostic;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link Transport} over a connected, non-blocking {@link SocketChannel}.
 *
 * <p>A write goes to the socket at once when nothing is queued, so most writes cost no loop trip;
 * what the socket cannot take is queued and sent later with one gathering write. A plain protocol
 * receives its bytes in the loop thread's {@link SharedReadBuffer}, a {@link BufferedProtocol} in its
 * own buffer, so an idle connection holds no read buffer at all.
 */
final class TcpTransport implements Transport, IoHandler {
    /** At most this many queued buffers go into one gathering write. */
    private static final int MAX_GATHER = 64;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Server server;
    private Protocol protocol;
    /** Created on the first write the socket could not take at once. */
    private ArrayDeque<ByteBuffer> queue;
    private ByteBuffer[] gather;
    /** Room for a {@link BufferedProtocol}'s scattering reads; made on its first read. */
    private ByteBuffer[] scatter;
    private int buffered;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_LOW_WATER;
    private boolean closing;
    private boolean lost;
    private boolean readingPaused;
    private boolean peerEof;
    private boolean eofPending;
    private boolean eofSent;
    private boolean protocolPaused;

    private TcpTransport(EventLoop loop, SocketChannel channel, Protocol protocol, Server server) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.server = server;
        this.key = loop.register(channel, SelectionKey.OP_READ, this);
    }

    /**
     * Wraps a connected non-blocking channel, registers it for reading and tells {@code protocol}
     * that the connection is made (synchronously, before this returns).
     *
     * @param server the server that accepted the channel, or {@code null} for an outgoing connection
     */
    static TcpTransport start(EventLoop loop, SocketChannel channel, Protocol protocol, Server server) {
        TcpTransport transport = new TcpTransport(loop, channel, Objects.requireNonNull(protocol, "protocol"), server);
        if (server != null) {
            server.attach(transport);
        }
        try {
            protocol.connectionMade(transport);
        } catch (RuntimeException e) {
            transport.fail(e, "connectionMade");
        }
        return transport;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(ByteBuffer data) {
        if (!sendNow(data)) {
            enqueue(data);
        }
    }

    /** Copies only what the socket does not take at once, so echoing a received buffer costs no copy in the usual case. */
    @Override
    public void writeCopy(ByteBuffer data) {
        if (!sendNow(data)) {
            enqueue(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }
    }

    /**
     * Sends what the socket takes at once when nothing is queued before it.
     *
     * @return whether {@code data} is dealt with: sent, empty, dropped, or failed the transport;
     *     {@code false} leaves its remaining bytes to be queued
     */
    private boolean sendNow(ByteBuffer data) {
        if (closing || eofPending || eofSent) {
            // As in asyncio: writing to a closing transport is dropped rather than thrown at the writer.
            return true;
        }
        if (!data.hasRemaining()) {
            return true;
        }
        if (buffered == 0) {
            try {
                channel.write(data);
            } catch (IOException e) {
                fail(e, null);
                return true;
            }
            if (!data.hasRemaining()) {
                return true;
            }
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        return false;
    }

    private void enqueue(ByteBuffer data) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(data);
        buffered += data.remaining();
        checkWaterMarks();
    }

    /** Pauses the protocol past the high-water mark, and resumes it at the low-water mark. */
    private void checkWaterMarks() {
        try {
            if (!protocolPaused && buffered > highWater) {
                protocolPaused = true;
                protocol.pauseWriting();
            } else if (protocolPaused && buffered <= lowWater) {
                protocolPaused = false;
                protocol.resumeWriting();
            }
        } catch (RuntimeException e) {
            report("pauseWriting/resumeWriting", e);
        }
    }

    private void flush() {
        try {
            if (queue.size() == 1) {
                ByteBuffer only = queue.peek();
                buffered -= channel.write(only);
            } else {
                if (gather == null) {
                    gather = new ByteBuffer[MAX_GATHER];
                }
                int count = 0;
                for (ByteBuffer b : queue) {
                    gather[count++] = b;
                    if (count == MAX_GATHER) {
                        break;
                    }
                }
                buffered -= (int) channel.write(gather, 0, count);
                java.util.Arrays.fill(gather, 0, count, null);
            }
        } catch (IOException e) {
            fail(e, null);
            return;
        }
        ByteBuffer head;
        while ((head = queue.peek()) != null && !head.hasRemaining()) {
            queue.poll();
        }
        checkWaterMarks();
        if (buffered == 0) {
            queue = null;
            gather = null;
            if (key.isValid()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            if (eofPending) {
                sendEof();
            }
            if (closing && !lost) {
                finish(null);
            }
        }
    }

    @Override
    public void writeEof() {
        if (closing || eofPending || eofSent) {
            return;
        }
        if (buffered > 0) {
            eofPending = true;
        } else {
            sendEof();
        }
    }

    private void sendEof() {
        eofPending = false;
        eofSent = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fail(e, null);
            return;
        }
        if (peerEof) {
            close(); // both directions are finished: nothing can move any more
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public void ioReady(SelectionKey selected) {
        int ready = selected.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0 && buffered > 0) {
            flush();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && !readingPaused && !closing) {
            read();
        }
    }

    private void read() {
        Protocol reader = protocol;
        try {
            if (reader instanceof BufferedProtocol buffered && scatter(buffered)) {
                return;
            }
            if (reader instanceof BufferedProtocol buffered) {
                ByteBuffer into = buffered.getBuffer(SharedReadBuffer.SIZE);
                if (!into.hasRemaining()) {
                    throw new IllegalStateException("BufferedProtocol.getBuffer returned a full buffer: " + into);
                }
                int count = channel.read(into);
                if (count > 0) {
                    buffered.bufferUpdated(count);
                } else if (count < 0) {
                    eofReceived();
                }
            } else {
                SharedReadBuffer shared = SharedReadBuffer.get();
                ByteBuffer into = shared.target;
                into.clear();
                int count = channel.read(into);
                if (count > 0) {
                    reader.dataReceived(shared.received(count));
                } else if (count < 0) {
                    eofReceived();
                }
            }
        } catch (IOException e) {
            fail(e, null);
        } catch (RuntimeException e) {
            fail(e, "receiving data");
        }
    }

    /** A scattering read, if the protocol offers one; returns whether it did. */
    private boolean scatter(BufferedProtocol buffered) throws IOException {
        if (scatter == null) {
            scatter = new ByteBuffer[BufferedProtocol.MAX_SCATTER];
        }
        int buffers = buffered.getBuffers(scatter);
        if (buffers == 0) {
            return false;
        }
        long count;
        try {
            count = channel.read(scatter, 0, buffers);
        } finally {
            Arrays.fill(scatter, 0, buffers, null);
        }
        buffered.buffersFilled(Math.max(count, 0));
        if (count < 0) {
            eofReceived();
        }
        return true;
    }

    private void eofReceived() {
        peerEof = true;
        boolean keepOpen = protocol.eofReceived();
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
        if (!keepOpen || eofSent) {
            close();
        }
    }

    @Override
    public void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        if (!peerEof) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
        if (buffered == 0) {
            finish(null);
        }
    }

    @Override
    public void abort() {
        closing = true;
        finish(null);
    }

    /** Closes at once because of {@code failure}; {@code during} names a protocol callback that threw, if one did. */
    private void fail(Throwable failure, String during) {
        if (during != null) {
            report(during, failure);
        }
        closing = true;
        finish(ConnectionException.from(failure, peerAddress()));
    }

    private void finish(Throwable cause) {
        if (lost) {
            return;
        }
        lost = true;
        queue = null;
        gather = null;
        buffered = 0;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            report("closing the socket", e);
        }
        // Like asyncio, connectionLost comes on a later iteration, never inside the caller's close().
        loop.callSoon(() -> {
            try {
                protocol.connectionLost(cause);
            } catch (RuntimeException e) {
                report("connectionLost", e);
            } finally {
                if (server != null) {
                    server.detach(this);
                }
            }
        });
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    private void report(String callback, Throwable failure) {
        loop.report(new LoopDiagnostic.CallbackFailed(callback + " of " + protocol, failure));
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || low > high) {
            throw new IllegalArgumentException("need 0 <= low <= high, not high=" + high + ", low=" + low);
        }
        highWater = high;
        lowWater = low;
        checkWaterMarks();
    }

    @Override
    public int getWriteBufferSize() {
        return buffered;
    }

    @Override
    public SocketAddress peerAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public void setProtocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** The channel, for the server's bookkeeping and for tests. */
    SocketChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "TcpTransport[" + peerAddress() + (closing ? ", closing]" : "]");
    }
}
