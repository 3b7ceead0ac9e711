package dev.eddy.torrent.tracker;

import dev.eddy.torrent.metainfo.InfoHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's side of the UDP tracker protocol (BEP 15): the requests it sends and the replies it
 * reads, all big-endian. Replies are untrusted: every length is checked before it is read.
 */
public final class UdpTrackerPackets {
    /** The magic constant a connect request carries in place of a connection id. */
    public static final long PROTOCOL_ID = 0x41727101980L;
    /** Action numbers. */
    public static final int CONNECT = 0, ANNOUNCE = 1, SCRAPE = 2, ERROR = 3;
    /** The most info hashes one scrape may ask about, so that its reply fits a small datagram. */
    public static final int MAX_SCRAPE_HASHES = 74;
    /** Bytes in an announce request. */
    public static final int ANNOUNCE_LENGTH = 98;

    private UdpTrackerPackets() {}

    /** A connect request with transaction id {@code transaction}. */
    public static ByteBuffer connect(int transaction) {
        return ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(transaction).flip();
    }

    /** An announce request on connection {@code connectionId}. */
    public static ByteBuffer announce(long connectionId, int transaction, AnnounceRequest request) {
        return ByteBuffer.allocate(ANNOUNCE_LENGTH)
                .putLong(connectionId).putInt(ANNOUNCE).putInt(transaction)
                .put(request.infoHash().bytes()).put(request.peerId().bytes())
                .putLong(request.downloaded()).putLong(request.left()).putLong(request.uploaded())
                .putInt(request.event().udpCode())
                .putInt(0) // IP address: 0 means "the address this came from"
                .putInt(request.key())
                .putInt(request.numWant())
                .putShort((short) request.port())
                .flip();
    }

    /**
     * A scrape request for at most {@link #MAX_SCRAPE_HASHES} torrents.
     *
     * @throws IllegalArgumentException for none or too many
     */
    public static ByteBuffer scrape(long connectionId, int transaction, List<InfoHash> infoHashes) {
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_SCRAPE_HASHES) {
            throw new IllegalArgumentException("a UDP scrape asks about 1 to " + MAX_SCRAPE_HASHES + " torrents, not "
                    + infoHashes.size());
        }
        ByteBuffer out = ByteBuffer.allocate(16 + InfoHash.LENGTH * infoHashes.size())
                .putLong(connectionId).putInt(SCRAPE).putInt(transaction);
        infoHashes.forEach(hash -> out.put(hash.bytes()));
        return out.flip();
    }

    /**
     * The transaction id of a datagram that could be a reply (an action the client knows, long
     * enough for it), or {@code null} for anything else, which is then ignored. Never throws.
     */
    public static Integer replyTransaction(ByteBuffer datagram) {
        if (datagram.remaining() < 8) {
            return null;
        }
        int action = datagram.getInt(datagram.position());
        int minimum = switch (action) {
            case CONNECT -> 16;
            case ANNOUNCE -> 20;
            case SCRAPE, ERROR -> 8;
            default -> -1;
        };
        return minimum < 0 || datagram.remaining() < minimum ? null : datagram.getInt(datagram.position() + 4);
    }

    /**
     * Reads the header of a reply to a request with action {@code expected}, leaving the buffer
     * after it.
     *
     * @throws TrackerException.Rejected if it is an error reply, with the tracker's message
     * @throws TrackerException.Malformed if it answers a different action
     */
    static void expect(String tracker, ByteBuffer reply, int expected) {
        int action = reply.getInt();
        reply.getInt(); // the transaction id, already matched
        if (action == ERROR) {
            byte[] message = new byte[Math.min(reply.remaining(), 1024)];
            reply.get(message);
            throw new TrackerException.Rejected(tracker, new String(message, StandardCharsets.UTF_8).strip());
        }
        if (action != expected) {
            throw new TrackerException.Malformed(tracker, "action " + action + " in reply to action " + expected, null);
        }
    }

    /** The connection id in a connect reply. */
    public static long connectionId(String tracker, ByteBuffer reply) {
        expect(tracker, reply, CONNECT);
        return reply.getLong();
    }

    /**
     * Reads an announce reply; its peers are 6-byte IPv4 entries, or 18-byte IPv6 entries when the
     * tracker was reached over IPv6.
     *
     * @throws TrackerException.Malformed if the peer list is not a whole number of entries
     */
    public static AnnounceResponse announceReply(String tracker, ByteBuffer reply, boolean ipv6) {
        expect(tracker, reply, ANNOUNCE);
        long interval = Integer.toUnsignedLong(reply.getInt());
        int leechers = Math.max(-1, reply.getInt());
        int seeders = Math.max(-1, reply.getInt());
        try {
            var peers = ipv6 ? CompactPeers.decodeIpv6(reply) : CompactPeers.decodeIpv4(reply);
            return new AnnounceResponse(Duration.ofSeconds(interval), null, seeders, leechers, peers, null, null);
        } catch (IllegalArgumentException e) {
            throw new TrackerException.Malformed(tracker, e.getMessage(), e);
        }
    }

    /**
     * Reads a scrape reply: one entry of seeders, completed and leechers per torrent asked about,
     * in order. A reply with fewer entries covers the first ones.
     */
    public static Map<InfoHash, ScrapeStats> scrapeReply(String tracker, ByteBuffer reply, List<InfoHash> asked) {
        expect(tracker, reply, SCRAPE);
        if (reply.remaining() % 12 != 0 || reply.remaining() / 12 > asked.size()) {
            throw new TrackerException.Malformed(tracker, "a scrape reply of " + reply.remaining()
                    + " bytes for " + asked.size() + " torrents", null);
        }
        Map<InfoHash, ScrapeStats> result = new LinkedHashMap<>();
        for (int i = 0; reply.hasRemaining(); i++) {
            int seeders = reply.getInt();
            int completed = reply.getInt();
            int leechers = reply.getInt();
            result.put(asked.get(i), new ScrapeStats(Math.max(-1, seeders), Math.max(-1, completed), Math.max(-1, leechers)));
        }
        return result;
    }
}
