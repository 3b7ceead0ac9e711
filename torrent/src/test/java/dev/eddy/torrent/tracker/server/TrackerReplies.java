package dev.eddy.torrent.tracker.server;

import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.CompactPeers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the tracker's bencoded HTTP replies in tests. */
public final class TrackerReplies {
    private TrackerReplies() {}

    /** An integer value of {@code dictionary}. */
    public static long integer(BEMap dictionary, String key) {
        return ((BEInteger) dictionary.getValue().get(key)).longValueExact();
    }

    /** A string value of {@code dictionary}, as bytes. */
    public static byte[] bytes(BEMap dictionary, String key) {
        return ((BEString) dictionary.getValue().get(key)).getValue();
    }

    /** The compact IPv4 {@code peers} of an announce reply. */
    public static List<PeerAddress> compactPeers(BEMap reply) {
        return CompactPeers.decodeIpv4(ByteBuffer.wrap(bytes(reply, "peers")));
    }

    /** The exact bytes of a one-torrent scrape reply. */
    public static byte[] scrapeReply(InfoHash hash, int complete, int downloaded, int incomplete) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("d5:filesd20:".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(hash.bytes());
        out.writeBytes(("d8:completei" + complete + "e10:downloadedi" + downloaded + "e10:incompletei" + incomplete
                + "eeee").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
