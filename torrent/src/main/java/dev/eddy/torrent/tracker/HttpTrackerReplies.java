package dev.eddy.torrent.tracker;

import bt.bencoding.model.BEObject;
import dev.eddy.torrent.bencode.BencodeDict;
import dev.eddy.torrent.bencode.BencodeException;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the bencoded bodies of HTTP tracker replies, announce and scrape, from untrusted bytes:
 * through {@link dev.eddy.torrent.bencode.BencodeGuard} first, and every field checked.
 */
public final class HttpTrackerReplies {
    /** The re-announce interval assumed when a tracker gives none. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

    private HttpTrackerReplies() {}

    /**
     * Reads an announce reply: peers in the compact form (BEP 23), the dictionary form, or
     * {@code peers6} (BEP 7), and the tracker's counts, intervals, warning and tracker id.
     * Dictionary peers whose {@code ip} is a host name rather than an address are skipped (Eddy
     * does not look up names a tracker hands out), as are entries with no valid port.
     *
     * @param tracker how to name the tracker in errors
     * @throws TrackerException.Rejected if the reply is a {@code failure reason}
     * @throws TrackerException.Malformed if it is not bencode, or a field has the wrong type or length
     */
    public static AnnounceResponse announce(String tracker, byte[] body) {
        BencodeDict reply = parse(tracker, body);
        try {
            long interval = reply.integer("interval").orElse(DEFAULT_INTERVAL.toSeconds());
            if (interval < 0) {
                throw new TrackerException.Malformed(tracker, "a negative interval " + interval, null);
            }
            Optional<Long> minInterval = reply.integer("min interval").stream().boxed().findFirst();
            List<PeerAddress> peers = new ArrayList<>();
            reply.get("peers").ifPresent(value -> peers.addAll(peers(tracker, value)));
            if (reply.has("peers6")) {
                peers.addAll(compact(tracker, reply.requireBytes("peers6"), false));
            }
            return new AnnounceResponse(Duration.ofSeconds(interval),
                    minInterval.map(seconds -> Duration.ofSeconds(Math.max(0, seconds))).orElse(null),
                    count(reply, "complete"), count(reply, "incomplete"), peers,
                    reply.text("warning message").orElse(null), reply.text("tracker id").orElse(null));
        } catch (BencodeException e) {
            throw new TrackerException.Malformed(tracker, e.getMessage(), e);
        }
    }

    /**
     * Reads a scrape reply's {@code files} dictionary for the torrents asked about.
     *
     * <p>bt-bencoding decodes dictionary keys as UTF-8, which is lossy for the raw 20-byte info
     * hashes a scrape reply is keyed by; each hash asked about is therefore looked up by its own
     * UTF-8 decoding, and a hash whose decoding another asked-about hash shares is left out rather
     * than guessed.
     *
     * @throws TrackerException.Rejected if the reply is a {@code failure reason}
     * @throws TrackerException.Malformed if it is not bencode or a field has the wrong type
     */
    public static Map<InfoHash, ScrapeStats> scrape(String tracker, byte[] body, List<InfoHash> asked) {
        BencodeDict reply = parse(tracker, body);
        try {
            Map<InfoHash, ScrapeStats> result = new LinkedHashMap<>();
            if (!reply.has("files")) {
                return result;
            }
            BencodeDict files = reply.requireDict("files");
            Map<String, Integer> keyUses = new java.util.HashMap<>();
            for (InfoHash hash : asked) {
                keyUses.merge(lossyKey(hash), 1, Integer::sum);
            }
            for (InfoHash hash : asked) {
                String key = lossyKey(hash);
                if (keyUses.get(key) == 1 && files.has(key)) {
                    BencodeDict stats = files.requireDict(key);
                    result.put(hash, new ScrapeStats(count(stats, "complete"), count(stats, "downloaded"),
                            count(stats, "incomplete")));
                }
            }
            return result;
        } catch (BencodeException e) {
            throw new TrackerException.Malformed(tracker, e.getMessage(), e);
        }
    }

    private static String lossyKey(InfoHash hash) {
        return new String(hash.bytes(), StandardCharsets.UTF_8);
    }

    private static BencodeDict parse(String tracker, byte[] body) {
        BencodeDict reply;
        try {
            reply = BencodeDict.parse(body, "the reply");
        } catch (BencodeException e) {
            throw new TrackerException.Malformed(tracker, e.getMessage(), e);
        }
        Optional<String> failure;
        try {
            failure = reply.text("failure reason");
        } catch (BencodeException e) {
            throw new TrackerException.Malformed(tracker, e.getMessage(), e);
        }
        if (failure.isPresent()) {
            throw new TrackerException.Rejected(tracker, failure.get());
        }
        return reply;
    }

    /** A count the tracker may omit (-1) or exaggerate (clamped to an int). */
    private static int count(BencodeDict dict, String key) {
        long value = dict.integer(key).orElse(-1);
        return (int) Math.clamp(value, -1, Integer.MAX_VALUE);
    }

    private static List<PeerAddress> peers(String tracker, BEObject<?> value) {
        return switch (value.getType()) {
            case STRING -> compact(tracker, BencodeDict.bytes(value, "peers"), true);
            case LIST -> dictionaryPeers(BencodeDict.list(value, "peers"));
            default -> throw new TrackerException.Malformed(tracker, "peers is neither a string nor a list", null);
        };
    }

    private static List<PeerAddress> compact(String tracker, byte[] raw, boolean ipv4) {
        try {
            return ipv4 ? CompactPeers.decodeIpv4(ByteBuffer.wrap(raw)) : CompactPeers.decodeIpv6(ByteBuffer.wrap(raw));
        } catch (IllegalArgumentException e) {
            throw new TrackerException.Malformed(tracker, (ipv4 ? "peers: " : "peers6: ") + e.getMessage(), e);
        }
    }

    private static List<PeerAddress> dictionaryPeers(List<? extends BEObject<?>> entries) {
        List<PeerAddress> peers = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                BencodeDict entry = BencodeDict.of(entries.get(i), "peers[" + i + "]");
                InetAddress address = InetAddress.ofLiteral(entry.requireText("ip").strip());
                long port = entry.requireLong("port");
                if (port >= 0 && port <= 0xFFFF) {
                    peers.add(new PeerAddress(address, (int) port));
                }
            } catch (BencodeException | IllegalArgumentException skipped) {
                // One bad entry (a host name, a missing port) costs that peer, not the whole reply.
            }
        }
        return peers;
    }
}
