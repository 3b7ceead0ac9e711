package dev.eddy.torrent.tracker.server;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.ScrapeStats;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP tracker's request handling, shared by all its connections: {@code GET /announce} and
 * {@code GET /scrape} against the {@link Swarms}, and the connection count. Used on the loop thread only.
 */
final class HttpTrackerService {
    /** The most torrents one scrape may ask about, which bounds the reply. */
    static final int MAX_SCRAPE_HASHES = 100;

    private final EventLoop loop;
    private final Swarms swarms;
    private final TrackerServerOptions options;
    private final Set<HttpTrackerConnection> connections = new HashSet<>();

    HttpTrackerService(EventLoop loop, Swarms swarms, TrackerServerOptions options) {
        this.loop = loop;
        this.swarms = swarms;
        this.options = options;
    }

    EventLoop loop() {
        return loop;
    }

    TrackerLimits limits() {
        return options.limits();
    }

    /** Counts a new connection in; {@code false} when {@link TrackerLimits#maxConnections()} are open. */
    boolean admit(HttpTrackerConnection connection) {
        if (connections.size() >= options.limits().maxConnections()) {
            return false;
        }
        connections.add(connection);
        return true;
    }

    /** Counts a closed connection out. */
    void forget(HttpTrackerConnection connection) {
        connections.remove(connection);
    }

    /** How many connections are open. */
    int connectionCount() {
        return connections.size();
    }

    /** Closes every open connection at once. */
    void abortAll() {
        for (HttpTrackerConnection connection : new ArrayList<>(connections)) {
            connection.abort();
        }
    }

    /**
     * The reply to one request from {@code from}. Tracker-level refusals and malformed queries
     * are {@code 200 OK} with a {@code failure reason}, as clients expect; only requests that are
     * not tracker requests at all get an HTTP error status.
     */
    HttpResponse respond(HttpRequestHead head, InetAddress from) {
        if (!head.method().equals("GET")) {
            return HttpResponse.error(405, "this tracker serves GET only");
        }
        if (head.hasBody()) {
            return HttpResponse.error(400, "a tracker request has no body");
        }
        QueryString query;
        try {
            query = QueryString.parse(head.query());
        } catch (IllegalArgumentException e) {
            return failure("bad query string: " + e.getMessage());
        }
        return switch (head.path()) {
            case "/announce" -> announce(query, from);
            case "/scrape" -> scrape(query);
            default -> HttpResponse.error(404, "no such path: this tracker serves /announce and /scrape");
        };
    }

    private HttpResponse announce(QueryString query, InetAddress from) {
        HttpAnnounce announce;
        try {
            announce = HttpAnnounce.parse(query);
        } catch (IllegalArgumentException e) {
            return failure("bad announce: " + e.getMessage());
        }
        // The ip parameter could register anyone's address; only a local client (a test, a proxy) may use it.
        InetAddress peer = announce.ip() != null && from.isLoopbackAddress() ? announce.ip() : from;
        return switch (swarms.announce(announce.request(), peer, loop.time())) {
            case Outcome.Served<AnnounceResult>(AnnounceResult result) -> HttpResponse.ok(HttpReplies.announce(result,
                    options.interval(), options.minInterval(), announce.compact(), announce.noPeerId()));
            case Outcome.Refused<AnnounceResult>(String reason) -> failure(reason);
        };
    }

    private HttpResponse scrape(QueryString query) {
        List<byte[]> raw = query.all("info_hash");
        if (raw.isEmpty()) {
            return failure("name at least one info_hash: this tracker does not give a full scrape");
        }
        if (raw.size() > MAX_SCRAPE_HASHES) {
            return failure("at most " + MAX_SCRAPE_HASHES + " info hashes per scrape, not " + raw.size());
        }
        List<InfoHash> hashes = new ArrayList<>(raw.size());
        for (byte[] hash : raw) {
            if (hash.length != InfoHash.LENGTH) {
                return failure("bad scrape: 'info_hash' must be 20 bytes, not " + hash.length);
            }
            hashes.add(new InfoHash(hash));
        }
        return switch (swarms.scrape(hashes)) {
            case Outcome.Served<Map<InfoHash, ScrapeStats>>(Map<InfoHash, ScrapeStats> counts) ->
                    HttpResponse.ok(HttpReplies.scrape(counts));
            case Outcome.Refused<Map<InfoHash, ScrapeStats>>(String reason) -> failure(reason);
        };
    }

    private static HttpResponse failure(String reason) {
        return HttpResponse.ok(HttpReplies.failure(reason));
    }
}
