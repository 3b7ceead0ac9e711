package dev.eddy.torrent.tracker;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.uri.PercentEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The URLs of HTTP tracker requests: an announce's query string (BEP 3, 23) and the scrape URL
 * derived from an announce URL.
 */
public final class HttpTrackerUrls {
    private HttpTrackerUrls() {}

    /**
     * The announce URL for {@code request}: {@code announce} with the request's parameters appended
     * to whatever query it already has (a passkey, say). The info hash and peer id are
     * percent-encoded byte for byte.
     */
    public static URI announce(URI announce, AnnounceRequest request) {
        StringBuilder query = new StringBuilder()
                .append("info_hash=").append(PercentEncoding.encode(request.infoHash().bytes()))
                .append("&peer_id=").append(PercentEncoding.encode(request.peerId().bytes()))
                .append("&port=").append(request.port())
                .append("&uploaded=").append(request.uploaded())
                .append("&downloaded=").append(request.downloaded())
                .append("&left=").append(request.left())
                .append("&compact=1");
        if (request.event() != TrackerEvent.NONE) {
            query.append("&event=").append(request.event().httpName());
        }
        if (request.numWant() >= 0) {
            query.append("&numwant=").append(request.numWant());
        }
        query.append("&key=").append(HexFormat.of().withUpperCase().toHexDigits(request.key()));
        if (request.trackerId() != null) {
            query.append("&trackerid=").append(PercentEncoding.encode(request.trackerId().getBytes(StandardCharsets.UTF_8)));
        }
        return withQuery(announce, query);
    }

    /**
     * The scrape URL of an announce URL, by the convention trackers follow: when the last path
     * segment starts with {@code announce}, that word becomes {@code scrape}
     * ({@code /x/announce.php?a=b} → {@code /x/scrape.php?a=b}); otherwise the tracker has no scrape.
     */
    public static Optional<URI> scrape(URI announce) {
        String path = announce.getRawPath();
        if (path == null) {
            return Optional.empty();
        }
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("announce", slash + 1)) {
            return Optional.empty();
        }
        String scrapePath = path.substring(0, slash + 1) + "scrape" + path.substring(slash + 1 + "announce".length());
        String rebuilt = announce.getScheme() + "://" + announce.getRawAuthority() + scrapePath
                + (announce.getRawQuery() == null ? "" : "?" + announce.getRawQuery());
        return Optional.of(URI.create(rebuilt));
    }

    /** The scrape URL {@code scrape} asking for {@code infoHashes}, one {@code info_hash} parameter each. */
    public static URI scrape(URI scrape, List<InfoHash> infoHashes) {
        StringBuilder query = new StringBuilder();
        for (InfoHash hash : infoHashes) {
            query.append(query.isEmpty() ? "" : "&").append("info_hash=").append(PercentEncoding.encode(hash.bytes()));
        }
        return withQuery(scrape, query);
    }

    private static URI withQuery(URI base, CharSequence parameters) {
        String text = base.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        String separator = base.getRawQuery() == null ? "?" : text.endsWith("&") || text.endsWith("?") ? "" : "&";
        return URI.create(text + separator + parameters);
    }
}
