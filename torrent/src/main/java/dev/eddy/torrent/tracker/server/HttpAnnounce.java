package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.AnnounceRequest;
import dev.eddy.torrent.tracker.PeerId;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.net.InetAddress;

/**
 * An HTTP announce's query (BEP 3, 7, 23) read into an {@link AnnounceRequest}, with the options
 * that shape the reply.
 *
 * @param request the announce
 * @param compact whether the client takes compact peers ({@code compact=0} asks for dictionaries)
 * @param noPeerId whether dictionary-model peers leave out their ids ({@code no_peer_id=1})
 * @param ip the {@code ip} parameter as an address literal, or {@code null}; the tracker heeds it
 *     only from loopback
 */
record HttpAnnounce(AnnounceRequest request, boolean compact, boolean noPeerId, InetAddress ip) {

    /**
     * Reads an announce query. {@code info_hash}, {@code peer_id}, {@code port} and {@code left}
     * are required; {@code uploaded} and {@code downloaded} default to 0; {@code key} is read as hex
     * when it is hex, as clients send it, and is otherwise 0.
     *
     * @throws IllegalArgumentException saying which parameter is missing or wrong; the tracker sends
     *     the message as the {@code failure reason}
     */
    static HttpAnnounce parse(QueryString query) {
        byte[] infoHash = required(query, "info_hash");
        if (infoHash.length != InfoHash.LENGTH) {
            throw new IllegalArgumentException("'info_hash' must be 20 bytes, not " + infoHash.length);
        }
        byte[] peerId = required(query, "peer_id");
        if (peerId.length != PeerId.LENGTH) {
            throw new IllegalArgumentException("'peer_id' must be 20 bytes, not " + peerId.length);
        }
        required(query, "port");
        required(query, "left");
        int port = (int) query.number("port", 0, 0xFFFF, 0);
        long uploaded = query.number("uploaded", 0, Long.MAX_VALUE, 0);
        long downloaded = query.number("downloaded", 0, Long.MAX_VALUE, 0);
        long left = query.number("left", 0, Long.MAX_VALUE, 0);
        int numWant = (int) query.number("numwant", Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
        TrackerEvent event = TrackerEvent.fromHttpName(query.text("event"));
        AnnounceRequest request = new AnnounceRequest(new InfoHash(infoHash), new PeerId(peerId), port, uploaded,
                downloaded, left, event, numWant, key(query.text("key")), query.text("trackerid"));
        return new HttpAnnounce(request, !"0".equals(query.text("compact")), "1".equals(query.text("no_peer_id")),
                ipLiteral(query.text("ip")));
    }

    private static byte[] required(QueryString query, String name) {
        byte[] value = query.bytes(name);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + name + "'");
        }
        return value;
    }

    private static int key(String text) {
        if (text == null || text.isEmpty() || text.length() > 8) {
            return 0;
        }
        try {
            return Integer.parseUnsignedInt(text, 16);
        } catch (NumberFormatException notHex) {
            return 0;
        }
    }

    /** Only a literal: a name here would need a DNS lookup, which the loop thread must never do. */
    private static InetAddress ipLiteral(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException notLiteral) {
            return null;
        }
    }
}
