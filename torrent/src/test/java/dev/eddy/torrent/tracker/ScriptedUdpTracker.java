package dev.eddy.torrent.tracker;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.DatagramEndpoint;
import dev.eddy.loop.net.DatagramProtocol;
import dev.eddy.loop.net.DatagramTransport;
import dev.eddy.loop.net.Datagrams;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback UDP tracker for tests (BEP 15) that answers as its script says. The default script is
 * honest: connection id 42, an announce reply with {@link #peers}, a scrape reply of (1, 2, 3) per
 * torrent. Start it inside a task.
 */
final class ScriptedUdpTracker implements AutoCloseable {
    static final long CONNECTION_ID = 42;

    /** What the server does with one datagram. */
    @FunctionalInterface
    interface Script {
        /** Answers {@code request} from {@code client}, or not. */
        void serve(ByteBuffer request, SocketAddress client, ScriptedUdpTracker server);
    }

    /** A received datagram with the loop time it arrived at. */
    record Received(long at, byte[] bytes) {
        int action() {
            return ByteBuffer.wrap(bytes).getInt(8);
        }

        /** The connection id, or the protocol id in a connect. */
        long connection() {
            return ByteBuffer.wrap(bytes).getLong(0);
        }

        int transaction() {
            return ByteBuffer.wrap(bytes).getInt(12);
        }
    }

    final List<Received> received = new ArrayList<>();
    /** The compact peers the honest script hands out: 6-byte entries over IPv4, 18-byte over IPv6. */
    byte[] peers = {127, 0, 0, 1, 0x1A, (byte) 0xE1};
    private final DatagramEndpoint<DatagramProtocol> endpoint;

    private ScriptedUdpTracker(String address, Script script) {
        EventLoop loop = EventLoop.current();
        endpoint = Datagrams.createEndpoint(loop, new InetSocketAddress(InetAddress.ofLiteral(address), 0), null,
                () -> (DatagramProtocol) new DatagramProtocol() {
                    @Override
                    public void datagramReceived(ByteBuffer data, SocketAddress sender) {
                        byte[] copy = new byte[data.remaining()];
                        data.duplicate().get(copy);
                        received.add(new Received(loop.time(), copy));
                        script.serve(ByteBuffer.wrap(copy), sender, ScriptedUdpTracker.this);
                    }
                }).await();
    }

    /** A server on {@code address} (a loopback literal) that runs {@code script}. */
    static ScriptedUdpTracker start(String address, Script script) {
        return new ScriptedUdpTracker(address, script);
    }

    /** A server on 127.0.0.1 that answers honestly. */
    static ScriptedUdpTracker honest() {
        return start("127.0.0.1", ScriptedUdpTracker::answer);
    }

    /** A server on 127.0.0.1 that answers honestly, each reply {@code delay} after its request. */
    static ScriptedUdpTracker late(Duration delay) {
        EventLoop loop = EventLoop.current();
        return start("127.0.0.1", (request, client, s) -> loop.callLater(delay, () -> answer(request, client, s)));
    }

    /** The honest answer to {@code request}. */
    static void answer(ByteBuffer request, SocketAddress client, ScriptedUdpTracker server) {
        if (request.remaining() < 16) {
            return;
        }
        int action = request.getInt(8);
        int transaction = request.getInt(12);
        switch (action) {
            case UdpTrackerPackets.CONNECT -> server.send(client,
                    ByteBuffer.allocate(16).putInt(0).putInt(transaction).putLong(CONNECTION_ID).flip());
            case UdpTrackerPackets.ANNOUNCE -> server.send(client, ByteBuffer.allocate(20 + server.peers.length)
                    .putInt(1).putInt(transaction).putInt(1800).putInt(4).putInt(5).put(server.peers).flip());
            case UdpTrackerPackets.SCRAPE -> {
                int torrents = (request.remaining() - 16) / 20;
                ByteBuffer reply = ByteBuffer.allocate(8 + 12 * torrents).putInt(2).putInt(transaction);
                for (int i = 0; i < torrents; i++) {
                    reply.putInt(1).putInt(2).putInt(3);
                }
                server.send(client, reply.flip());
            }
            default -> { }
        }
    }

    void send(SocketAddress client, ByteBuffer datagram) {
        endpoint.transport().sendTo(datagram, client);
    }

    /** {@code udp://ADDRESS:PORT/announce}. */
    URI uri() {
        InetSocketAddress local = (InetSocketAddress) endpoint.transport().localAddress();
        String host = local.getAddress().getHostAddress();
        return URI.create("udp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + local.getPort() + "/announce");
    }

    /** How many received datagrams had {@code action}. */
    long count(int action) {
        return received.stream().filter(r -> r.bytes.length >= 16 && r.action() == action).count();
    }

    @Override
    public void close() {
        endpoint.transport().close();
    }
}
