package dev.eddy.torrent.tracker.server;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.DatagramProtocol;
import dev.eddy.loop.net.DatagramTransport;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.AnnounceRequest;
import dev.eddy.torrent.tracker.CompactPeers;
import dev.eddy.torrent.tracker.PeerId;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The UDP tracker protocol (BEP 15): connect, announce, scrape, and the error action. Every packet
 * is checked before it is read; a packet too short to carry a transaction id, or a connect without
 * the protocol's magic number, is dropped silently (there is no one sensible to answer), and every
 * other bad packet gets an error reply. Replies to IPv4 clients carry 6-byte peers, to IPv6
 * clients 18-byte peers, as the BEP says.
 */
final class UdpTrackerProtocol implements DatagramProtocol {
    /** The magic number a connect request starts with. */
    static final long PROTOCOL_ID = 0x41727101980L;
    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;
    /** The length of an announce request without BEP 41 extensions. */
    static final int ANNOUNCE_LENGTH = 98;
    /** The most torrents in one scrape: BEP 15's figure, which keeps the reply within one packet. */
    static final int MAX_SCRAPE_HASHES = 74;
    /** The most IPv4 peers in one reply: 20 + 200 × 6 bytes fits a 1500-byte MTU unfragmented. */
    static final int MAX_IPV4_PEERS = 200;
    /** The most IPv6 peers in one reply: 20 + 74 × 18 bytes fits a 1500-byte MTU unfragmented. */
    static final int MAX_IPV6_PEERS = 74;

    private final EventLoop loop;
    private final Swarms swarms;
    private final ConnectionIds connectionIds;
    private final TrackerServerOptions options;
    /** One reply buffer: the transport copies what it sends. */
    private final ByteBuffer reply = ByteBuffer.allocate(20 + Math.max(MAX_IPV4_PEERS * CompactPeers.IPV4_ENTRY,
            MAX_IPV6_PEERS * CompactPeers.IPV6_ENTRY));
    private DatagramTransport transport;

    UdpTrackerProtocol(EventLoop loop, Swarms swarms, ConnectionIds connectionIds, TrackerServerOptions options) {
        this.loop = loop;
        this.swarms = swarms;
        this.connectionIds = connectionIds;
        this.options = options;
    }

    @Override
    public void connectionMade(DatagramTransport t) {
        transport = t;
    }

    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress sender) {
        if (data.remaining() < 16 || !(sender instanceof InetSocketAddress client)) {
            return;
        }
        long connectionId = data.getLong();
        int action = data.getInt();
        int transaction = data.getInt();
        InetAddress from = client.getAddress();
        long now = loop.time();
        if (action == CONNECT) {
            if (connectionId == PROTOCOL_ID) {
                reply.clear();
                reply.putInt(CONNECT).putInt(transaction).putLong(connectionIds.issue(from, now));
                send(client);
            }
            return;
        }
        if (!connectionIds.isValid(connectionId, from, now)) {
            error(client, transaction, "unknown or expired connection id: connect again");
            return;
        }
        switch (action) {
            case ANNOUNCE -> announce(data, client, transaction, now);
            case SCRAPE -> scrape(data, client, transaction);
            default -> error(client, transaction, "unknown action " + action);
        }
    }

    private void announce(ByteBuffer data, InetSocketAddress client, int transaction, long now) {
        if (data.remaining() < ANNOUNCE_LENGTH - 16) {
            error(client, transaction, "an announce has " + ANNOUNCE_LENGTH + " bytes, not " + (data.remaining() + 16));
            return;
        }
        byte[] infoHash = new byte[InfoHash.LENGTH];
        byte[] peerId = new byte[PeerId.LENGTH];
        data.get(infoHash).get(peerId);
        long downloaded = data.getLong();
        long left = data.getLong();
        long uploaded = data.getLong();
        int eventCode = data.getInt();
        int ip = data.getInt();
        int key = data.getInt();
        int numWant = data.getInt();
        int port = Short.toUnsignedInt(data.getShort());
        boolean ipv6 = client.getAddress() instanceof Inet6Address;
        int most = ipv6 ? MAX_IPV6_PEERS : MAX_IPV4_PEERS;
        int wanted = Math.min(numWant < 0 ? options.limits().defaultNumWant() : numWant, most);
        AnnounceRequest request;
        try {
            request = new AnnounceRequest(new InfoHash(infoHash), new PeerId(peerId), port, uploaded, downloaded, left,
                    TrackerEvent.fromUdpCode(eventCode), wanted, key, null);
        } catch (IllegalArgumentException e) {
            error(client, transaction, "bad announce: " + e.getMessage());
            return;
        }
        switch (swarms.announce(request, peerAddress(client.getAddress(), ip), now)) {
            case Outcome.Served<AnnounceResult>(AnnounceResult result) -> {
                List<PeerAddress> peers = new ArrayList<>(result.peers().size());
                for (SwarmPeer peer : result.peers()) {
                    peers.add(peer.address());
                }
                reply.clear();
                reply.putInt(ANNOUNCE).putInt(transaction).putInt((int) options.interval().toSeconds())
                        .putInt(result.leechers()).putInt(result.seeders())
                        .put(ipv6 ? CompactPeers.encodeIpv6(peers) : CompactPeers.encodeIpv4(peers));
                send(client);
            }
            case Outcome.Refused<AnnounceResult>(String reason) -> error(client, transaction, reason);
        }
    }

    /** The sender's address, or the announce's {@code ip} field when the sender is on loopback. */
    private static InetAddress peerAddress(InetAddress sender, int ip) {
        if (ip == 0 || !sender.isLoopbackAddress()) {
            return sender;
        }
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(ip).array()); // raw bytes: no lookup
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 bytes are always an address", impossible);
        }
    }

    private void scrape(ByteBuffer data, InetSocketAddress client, int transaction) {
        int count = data.remaining() / InfoHash.LENGTH;
        if (count == 0 || data.remaining() % InfoHash.LENGTH != 0) {
            error(client, transaction, "a scrape carries whole 20-byte info hashes, not " + data.remaining() + " bytes");
            return;
        }
        if (count > MAX_SCRAPE_HASHES) {
            error(client, transaction, "at most " + MAX_SCRAPE_HASHES + " info hashes per scrape, not " + count);
            return;
        }
        List<InfoHash> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[InfoHash.LENGTH];
            data.get(hash);
            hashes.add(new InfoHash(hash));
        }
        switch (swarms.scrape(hashes)) {
            case Outcome.Served<Map<InfoHash, ScrapeStats>>(Map<InfoHash, ScrapeStats> counts) -> {
                reply.clear();
                reply.putInt(SCRAPE).putInt(transaction);
                for (InfoHash hash : hashes) {
                    ScrapeStats stats = counts.getOrDefault(hash, new ScrapeStats(0, 0, 0));
                    reply.putInt(stats.seeders()).putInt(stats.completed()).putInt(stats.leechers());
                }
                send(client);
            }
            case Outcome.Refused<Map<InfoHash, ScrapeStats>>(String reason) -> error(client, transaction, reason);
        }
    }

    private void error(InetSocketAddress client, int transaction, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        reply.clear();
        reply.putInt(ERROR).putInt(transaction).put(text, 0, Math.min(text.length, reply.remaining()));
        send(client);
    }

    private void send(InetSocketAddress client) {
        if (transport != null && !transport.isClosing()) {
            transport.sendTo(reply.flip(), client);
        }
    }
}
