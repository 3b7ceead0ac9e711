package dev.eddy.torrent.tracker.server;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.CompactPeers;
import dev.eddy.torrent.tracker.ScrapeStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bencoded bodies of the tracker's HTTP replies. */
final class HttpReplies {
    private HttpReplies() {}

    /**
     * An announce reply. Compact: IPv4 peers in {@code peers} (BEP 23) and IPv6 peers in
     * {@code peers6} (BEP 7). Otherwise a list of dictionaries with {@code ip}, {@code port} and,
     * unless {@code noPeerId}, {@code peer id}.
     */
    static byte[] announce(AnnounceResult result, Duration interval, Duration minInterval, boolean compact,
            boolean noPeerId) {
        Map<String, BEObject<?>> reply = new HashMap<>();
        reply.put("interval", integer(interval.toSeconds()));
        reply.put("min interval", integer(minInterval.toSeconds()));
        reply.put("complete", integer(result.seeders()));
        reply.put("incomplete", integer(result.leechers()));
        if (result.warning() != null) {
            reply.put("warning message", string(result.warning()));
        }
        if (compact) {
            List<PeerAddress> addresses = result.peers().stream().map(SwarmPeer::address).toList();
            reply.put("peers", new BEString(CompactPeers.encodeIpv4(addresses)));
            byte[] ipv6 = CompactPeers.encodeIpv6(addresses);
            if (ipv6.length > 0) {
                reply.put("peers6", new BEString(ipv6));
            }
        } else {
            List<BEObject<?>> peers = new ArrayList<>(result.peers().size());
            for (SwarmPeer peer : result.peers()) {
                Map<String, BEObject<?>> entry = new HashMap<>();
                entry.put("ip", string(peer.address().address().getHostAddress()));
                entry.put("port", integer(peer.address().port()));
                if (!noPeerId) {
                    entry.put("peer id", new BEString(peer.peerId().bytes()));
                }
                peers.add(new BEMap(entry));
            }
            reply.put("peers", new BEList(peers));
        }
        return encode(reply);
    }

    /**
     * A scrape reply: {@code files}, keyed by the raw info hash, with each torrent's counts.
     * bt-bencoding takes dictionary keys as Strings and writes them as UTF-8, which would mangle a
     * hash byte over 0x7F; so the {@code files} keys (20 raw bytes each, in byte order as
     * bencoding requires) are written here, and everything else by bt-bencoding.
     */
    static byte[] scrape(Map<InfoHash, ScrapeStats> counts) {
        List<Map.Entry<InfoHash, ScrapeStats>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getKey().bytes(), b.getKey().bytes()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + 80 * sorted.size());
        out.writeBytes("d5:filesd".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<InfoHash, ScrapeStats> entry : sorted) {
            out.writeBytes((InfoHash.LENGTH + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(entry.getKey().bytes());
            ScrapeStats stats = entry.getValue();
            write(Map.of("complete", integer(stats.seeders()), "downloaded", integer(stats.completed()),
                    "incomplete", integer(stats.leechers())), out);
        }
        out.writeBytes("ee".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A refusal: {@code failure reason} alone. */
    static byte[] failure(String reason) {
        return encode(Map.of("failure reason", string(reason)));
    }

    private static BEInteger integer(long value) {
        return new BEInteger(value);
    }

    private static BEString string(String text) {
        return new BEString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] encode(Map<String, BEObject<?>> dictionary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(dictionary, out);
        return out.toByteArray();
    }

    private static void write(Map<String, BEObject<?>> dictionary, ByteArrayOutputStream out) {
        try {
            new BEMap(dictionary).writeTo(out); // keys sorted, as bencoding requires
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory", impossible);
        }
    }
}
