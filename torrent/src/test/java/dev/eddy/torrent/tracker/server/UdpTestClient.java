package dev.eddy.torrent.tracker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.TimerHandle;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw BEP 15 client: a non-blocking {@link DatagramChannel} registered on the loop, with every
 * packet laid out by hand. Call {@link #receive} inside a task.
 */
public final class UdpTestClient implements AutoCloseable {
    static final long PROTOCOL_ID = 0x41727101980L;
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger(1000);

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final InetSocketAddress tracker;
    private final ArrayDeque<ByteBuffer> received = new ArrayDeque<>();
    private Future<Void> arrival;

    public UdpTestClient(EventLoop loop, InetSocketAddress tracker) throws IOException {
        this.loop = loop;
        this.tracker = tracker;
        boolean ipv6 = tracker.getAddress() instanceof Inet6Address;
        channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(tracker.getAddress(), 0));
        channel.configureBlocking(false);
        loop.register(channel, SelectionKey.OP_READ, key -> drain());
    }

    private void drain() {
        try {
            while (true) {
                ByteBuffer packet = ByteBuffer.allocate(2048);
                if (channel.receive(packet) == null) {
                    break;
                }
                received.add(packet.flip());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (arrival != null && !arrival.done() && !received.isEmpty()) {
            arrival.setResult(null);
        }
    }

    /** The local port, which the tracker sees as the sender's. */
    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Sends a packet as it stands. */
    public void send(ByteBuffer packet) throws IOException {
        channel.send(packet, tracker);
    }

    /** The next packet, or {@code null} if none comes within {@code timeout}. */
    public ByteBuffer receive(Duration timeout) {
        if (received.isEmpty()) {
            arrival = loop.createFuture();
            Future<Void> waiting = arrival;
            TimerHandle timer = loop.callLater(timeout, () -> {
                if (!waiting.done()) {
                    waiting.setResult(null);
                }
            });
            waiting.await();
            timer.cancel();
        }
        return received.poll();
    }

    /** The next packet, failing the test if none comes within 10 s. */
    public ByteBuffer receive() {
        ByteBuffer packet = receive(Duration.ofSeconds(10));
        assertNotNull(packet, "no reply from the tracker");
        return packet;
    }

    public static int nextTransaction() {
        return TRANSACTIONS.incrementAndGet();
    }

    /** Connects and returns the connection id, checking the reply's layout. */
    public long connect() throws IOException {
        int transaction = nextTransaction();
        send(ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(transaction).flip());
        ByteBuffer reply = receive();
        assertEquals(16, reply.remaining());
        assertEquals(0, reply.getInt());
        assertEquals(transaction, reply.getInt());
        return reply.getLong();
    }

    /** A 98-byte announce. */
    public static ByteBuffer announcePacket(long connectionId, int transaction, InfoHash infoHash, PeerId peerId, long left,
            TrackerEvent event, int numWant, int port) {
        return ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(transaction)
                .put(infoHash.bytes()).put(peerId.bytes())
                .putLong(0).putLong(left).putLong(0) // downloaded, left, uploaded
                .putInt(event.udpCode()).putInt(0).putInt(0x1234).putInt(numWant).putShort((short) port).flip();
    }

    /** Announces and returns the reply after its action and transaction, which are checked. */
    public ByteBuffer announce(long connectionId, InfoHash infoHash, PeerId peerId, long left, TrackerEvent event,
            int numWant, int port) throws IOException {
        int transaction = nextTransaction();
        send(announcePacket(connectionId, transaction, infoHash, peerId, left, event, numWant, port));
        return expect(1, transaction);
    }

    /** Scrapes and returns the reply after its action and transaction, which are checked. */
    public ByteBuffer scrape(long connectionId, InfoHash... hashes) throws IOException {
        int transaction = nextTransaction();
        ByteBuffer packet = ByteBuffer.allocate(16 + 20 * hashes.length).putLong(connectionId).putInt(2)
                .putInt(transaction);
        for (InfoHash hash : hashes) {
            packet.put(hash.bytes());
        }
        send(packet.flip());
        return expect(2, transaction);
    }

    /** The next packet, whose action and transaction must be these; returns the rest of it. */
    public ByteBuffer expect(int action, int transaction) {
        ByteBuffer reply = receive();
        int got = reply.getInt();
        assertEquals(transaction, reply.getInt());
        assertEquals(action, got, () -> action == 3 ? "not an error" : "error: " + errorText(reply));
        return reply;
    }

    public static String errorText(ByteBuffer reply) {
        byte[] text = new byte[reply.remaining()];
        reply.get(text);
        return new String(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
