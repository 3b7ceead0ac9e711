package dev.eddy.torrent.tracker;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.Streams;
import dev.eddy.loop.net.Tls;
import dev.eddy.torrent.metainfo.InfoHash;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A tracker reached over HTTP or HTTPS (BEP 3, 7, 23): announce and scrape as GET requests with
 * Eddy's own small HTTP/1.1 client on the loop's streams (and the loop's TLS for https), one
 * connection per request.
 */
public final class HttpTracker implements Tracker {
    /** The JDK's default TLS context once loaded: its CA certificates take tens of milliseconds to read. */
    private static volatile SSLContext jdkTrust;

    private final URI uri;
    private final String name;
    private final HttpGet http;

    /**
     * A tracker at {@code uri}; https trackers must present a certificate the JDK's CAs vouch for.
     * The JDK's trust store is only read for an https request, the first time, off the loop thread.
     *
     * @throws IllegalArgumentException if {@code uri} is not an http or https URL with a host
     */
    public HttpTracker(URI uri, TrackerOptions options) {
        this(uri, options, Optional.empty());
    }

    /**
     * A tracker at {@code uri} whose https certificate is checked against {@code tls}'s trust.
     *
     * @throws IllegalArgumentException if {@code uri} is not an http or https URL with a host
     */
    public HttpTracker(URI uri, TrackerOptions options, SSLContext tls) {
        this(uri, options, Optional.of(tls));
    }

    private HttpTracker(URI uri, TrackerOptions options, Optional<SSLContext> tls) {
        this.uri = Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) tracker URL: " + uri);
        }
        this.name = uri.toString();
        this.http = new HttpGet(options, (target, host, port, connect) -> "https".equalsIgnoreCase(target.getScheme())
                ? Streams.openTlsConnection(host, port, tls.orElseGet(HttpTracker::jdkTrust), connect)
                : Streams.openConnection(host, port, connect));
    }

    /** The JDK's default TLS context, loaded the first time in the loop's executor; call it in a task. */
    private static SSLContext jdkTrust() {
        SSLContext context = jdkTrust;
        if (context == null) {
            context = EventLoop.current().runInExecutor(Tls::clientContext).await();
            jdkTrust = context;
        }
        return context;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) {
        HttpGet.Reply reply = http.fetch(name, HttpTrackerUrls.announce(uri, request));
        checkStatus(reply);
        return HttpTrackerReplies.announce(name, reply.body());
    }

    /**
     * {@inheritDoc}
     *
     * @throws TrackerException.Rejected if the announce URL has no scrape counterpart (its last
     *     path segment does not start with {@code announce})
     */
    @Override
    public Map<InfoHash, ScrapeStats> scrape(List<InfoHash> infoHashes) {
        URI scrape = HttpTrackerUrls.scrape(uri).orElseThrow(() -> new TrackerException.Rejected(name,
                "it has no scrape URL: the announce URL's last path segment does not start with \"announce\""));
        HttpGet.Reply reply = http.fetch(name, HttpTrackerUrls.scrape(scrape, infoHashes));
        checkStatus(reply);
        return HttpTrackerReplies.scrape(name, reply.body(), infoHashes);
    }

    /** Nothing to release: every request has its own connection, closed when the request ends. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return name;
    }

    /**
     * A non-200 reply may still carry a bencoded {@code failure reason}; otherwise a client error is
     * the tracker refusing and a server error is the tracker being down.
     */
    private void checkStatus(HttpGet.Reply reply) {
        if (reply.status() == 200) {
            return;
        }
        try {
            HttpTrackerReplies.announce(name, reply.body());
        } catch (TrackerException.Rejected withReason) {
            throw withReason;
        } catch (TrackerException notBencode) {
            // fall through to the status
        }
        String status = "HTTP " + reply.status() + " " + reply.reason();
        if (reply.status() >= 400 && reply.status() < 500) {
            throw new TrackerException.Rejected(name, status);
        }
        throw new TrackerException.Unreachable(name, status, null);
    }
}
