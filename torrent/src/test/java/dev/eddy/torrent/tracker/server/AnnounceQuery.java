package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import dev.eddy.torrent.uri.PercentEncoding;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an announce target ({@code /announce?info_hash=…}) the way a BEP 3 client sends it. */
public final class AnnounceQuery {
    private final Map<String, String> params = new LinkedHashMap<>();

    private AnnounceQuery(InfoHash infoHash, PeerId peerId, int port) {
        params.put("info_hash", PercentEncoding.encode(infoHash.bytes()));
        params.put("peer_id", PercentEncoding.encode(peerId.bytes()));
        params.put("port", Integer.toString(port));
        params.put("uploaded", "0");
        params.put("downloaded", "0");
        params.put("left", "1000");
    }

    /** A leecher's announce with {@code left=1000}. */
    public static AnnounceQuery of(InfoHash infoHash, PeerId peerId, int port) {
        return new AnnounceQuery(infoHash, peerId, port);
    }

    /** Sets (or with {@code null} removes) a parameter, its value already encoded. */
    public AnnounceQuery with(String name, String value) {
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return this;
    }

    /** The target to GET. */
    public String target() {
        StringBuilder out = new StringBuilder("/announce?");
        params.forEach((name, value) -> out.append(name).append('=').append(value).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** A scrape target for {@code hashes}. */
    public static String scrape(InfoHash... hashes) {
        StringBuilder out = new StringBuilder("/scrape");
        char separator = '?';
        for (InfoHash hash : hashes) {
            out.append(separator).append("info_hash=").append(PercentEncoding.encode(hash.bytes()));
            separator = '&';
        }
        return out.toString();
    }
}
