package dev.eddy.torrent.tracker;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimeoutException;
import dev.eddy.loop.net.ConnectionException;
import dev.eddy.loop.net.DatagramEndpoint;
import dev.eddy.loop.net.DatagramRequests;
import dev.eddy.loop.net.Datagrams;
import dev.eddy.torrent.metainfo.InfoHash;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A tracker reached over UDP (BEP 15): a connect handshake whose connection id is reused for a
 * while, then announce and scrape requests, each retransmitted on the {@code first × 2^n}
 * schedule of {@link TrackerOptions}. Requests that need a connection id at the same moment share
 * one connect: it runs in a task of its own, so a request cancelled while it waits leaves it to
 * the others, and its failure fails every request waiting on it. Datagrams that are not the reply
 * awaited (garbage, unknown transaction ids) are ignored. The UDP socket is opened at the first
 * request, connected to the tracker, and kept until {@link #close()}.
 */
public final class UdpTracker implements Tracker {
    private final URI uri;
    private final String name;
    private final TrackerOptions options;
    private final DatagramRequests<Integer> requests =
            new DatagramRequests<>((datagram, sender) -> UdpTrackerPackets.replyTransaction(datagram));
    private final Set<Integer> inFlight = new HashSet<>();
    private Future<DatagramEndpoint<DatagramRequests<Integer>>> endpoint;
    private boolean closed;
    private long connectionId;
    private long connectionIdExpires = Long.MIN_VALUE;
    private boolean hasConnectionId;
    /** The latest connect; while it is pending, every request that needs a connection id awaits it. */
    private Task<Long> connecting;

    /**
     * A tracker at {@code udp://host:port[/anything]}.
     *
     * @throws IllegalArgumentException if {@code uri} is not a udp URL with a host and port
     */
    public UdpTracker(URI uri, TrackerOptions options) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.options = Objects.requireNonNull(options, "options");
        if (!"udp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("not a udp://host:port tracker URL: " + uri);
        }
        this.name = uri.toString();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) {
        return request(transaction -> UdpTrackerPackets.announce(connectionId(), transaction, request),
                reply -> UdpTrackerPackets.announceReply(name, reply,
                        ((InetSocketAddress) requests.transport().peerAddress()).getAddress() instanceof Inet6Address));
    }

    /** {@inheritDoc} More torrents than one datagram may ask about are scraped in several requests. */
    @Override
    public Map<InfoHash, ScrapeStats> scrape(List<InfoHash> infoHashes) {
        Map<InfoHash, ScrapeStats> result = new LinkedHashMap<>();
        for (int from = 0; from < infoHashes.size(); from += UdpTrackerPackets.MAX_SCRAPE_HASHES) {
            List<InfoHash> batch = infoHashes.subList(from, Math.min(infoHashes.size(), from + UdpTrackerPackets.MAX_SCRAPE_HASHES));
            result.putAll(request(transaction -> UdpTrackerPackets.scrape(connectionId(), transaction, batch),
                    reply -> UdpTrackerPackets.scrapeReply(name, reply, batch)));
        }
        return result;
    }

    /** Closes the socket; requests still waiting fail as unreachable. */
    @Override
    public void close() {
        closed = true;
        if (requests.transport() != null) {
            requests.transport().close();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * An announce or a scrape: the exchange, then its reply read by {@code read}. An error reply
     * also drops the connection id.
     */
    private <T> T request(IntFunction<ByteBuffer> payload, Function<ByteBuffer, T> read) {
        ByteBuffer reply = exchange(payload);
        try {
            return read.apply(reply);
        } catch (TrackerException.Rejected refused) {
            hasConnectionId = false; // an expired connection id is one reason for an error reply
            throw refused;
        }
    }

    /**
     * The connection id while it is young enough (BEP 15: a minute after it came), otherwise a new
     * one from the connect in flight, started here if there is none.
     */
    private long connectionId() {
        EventLoop loop = EventLoop.current();
        if (hasConnectionId && loop.time() - connectionIdExpires < 0) {
            return connectionId;
        }
        if (connecting == null || connecting.done()) {
            connecting = loop.createTask("UDP connect to " + name, this::connect);
            connecting.addDoneCallback(done -> {
                if (!done.cancelled()) {
                    done.exception(); // a failure is reported to the requests awaiting it, if any are left
                }
            });
        }
        return Async.shield(connecting).await();
    }

    private long connect() {
        ByteBuffer reply = exchange(UdpTrackerPackets::connect);
        long id = UdpTrackerPackets.connectionId(name, reply);
        connectionId = id;
        connectionIdExpires = EventLoop.current().deadline(options.udpConnectionIdLifetime());
        hasConnectionId = true;
        return id;
    }

    /**
     * Sends the datagram that {@code payload} makes for a fresh transaction id and returns the reply,
     * sending again on the {@code first × 2^n} schedule while none comes. The datagram is made
     * afresh for each send, so a request that outlives its connection id goes out again with a new
     * one, as BEP 15 asks.
     */
    private ByteBuffer exchange(IntFunction<ByteBuffer> payload) {
        open();
        int transaction;
        do {
            transaction = ThreadLocalRandom.current().nextInt();
        } while (!inFlight.add(transaction));
        try {
            Duration timeout = options.udpFirstTimeout();
            for (int attempt = 1; ; attempt++) {
                try {
                    return requests.request(null, payload.apply(transaction), transaction, timeout);
                } catch (TimeoutException e) {
                    if (attempt == options.udpAttempts()) {
                        hasConnectionId = false; // the tracker may have restarted: connect afresh next time
                        throw new TrackerException.Unreachable(name, "no reply after " + attempt + " attempts", e);
                    }
                    timeout = timeout.multipliedBy(2);
                }
            }
        } catch (UncheckedIOException e) {
            throw new TrackerException.Unreachable(name, e.getMessage(), e);
        } finally {
            inFlight.remove(transaction);
        }
    }

    private void open() {
        if (closed) {
            throw new TrackerException.Unreachable(name, "the tracker was closed", null);
        }
        if (endpoint == null) {
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            endpoint = Datagrams.createEndpoint(EventLoop.current(), null,
                    InetSocketAddress.createUnresolved(host, uri.getPort()), () -> requests);
        }
        var opening = endpoint;
        try {
            Async.shield(opening).await(); // shared: a request cancelled meanwhile must not cancel the opening
        } catch (UncheckedIOException | ConnectionException e) {
            if (endpoint == opening) {
                endpoint = null;
            }
            throw new TrackerException.Unreachable(name, e.getMessage(), e);
        }
    }
}
