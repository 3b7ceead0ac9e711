package dev.eddy.torrent.tracker;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A tracker reached over UDP (BEP 15): a connect handshake whose connection id is reused for a
 * while, then announce and scrape requests, each retransmitted on the {@code first × 2^n}
 * schedule of {@link TrackerOptions}. Datagrams that are not the reply awaited (garbage, unknown
 * transaction ids) are ignored. The UDP socket is opened at the first request, connected to the
 * tracker, and kept until {@link #close()}.
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
        long connection = connectionId();
        int transaction = newTransaction();
        ByteBuffer reply = exchange(UdpTrackerPackets.announce(connection, transaction, request), transaction);
        boolean ipv6 = ((InetSocketAddress) requests.transport().peerAddress()).getAddress() instanceof Inet6Address;
        try {
            return UdpTrackerPackets.announceReply(name, reply, ipv6);
        } catch (TrackerException.Rejected refused) {
            hasConnectionId = false; // an expired connection id is one reason for an error reply
            throw refused;
        }
    }

    /** {@inheritDoc} More torrents than one datagram may ask about are scraped in several requests. */
    @Override
    public Map<InfoHash, ScrapeStats> scrape(List<InfoHash> infoHashes) {
        Map<InfoHash, ScrapeStats> result = new LinkedHashMap<>();
        for (int from = 0; from < infoHashes.size(); from += UdpTrackerPackets.MAX_SCRAPE_HASHES) {
            List<InfoHash> batch = infoHashes.subList(from, Math.min(infoHashes.size(), from + UdpTrackerPackets.MAX_SCRAPE_HASHES));
            long connection = connectionId();
            int transaction = newTransaction();
            ByteBuffer reply = exchange(UdpTrackerPackets.scrape(connection, transaction, batch), transaction);
            result.putAll(UdpTrackerPackets.scrapeReply(name, reply, batch));
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

    private long connectionId() {
        EventLoop loop = EventLoop.current();
        if (hasConnectionId && loop.time() - connectionIdExpires < 0) {
            return connectionId;
        }
        int transaction = newTransaction();
        ByteBuffer reply = exchange(UdpTrackerPackets.connect(transaction), transaction);
        connectionId = UdpTrackerPackets.connectionId(name, reply);
        connectionIdExpires = loop.deadline(options.udpConnectionIdLifetime());
        hasConnectionId = true;
        return connectionId;
    }

    private int newTransaction() {
        int transaction;
        do {
            transaction = ThreadLocalRandom.current().nextInt();
        } while (inFlight.contains(transaction));
        return transaction;
    }

    private ByteBuffer exchange(ByteBuffer payload, int transaction) {
        open();
        inFlight.add(transaction);
        try {
            return requests.request(null, payload, transaction, options.udpFirstTimeout(), options.udpAttempts());
        } catch (TimeoutException e) {
            hasConnectionId = false; // the tracker may have restarted: connect afresh next time
            throw new TrackerException.Unreachable(name, "no reply after " + options.udpAttempts() + " attempts", e);
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
        try {
            endpoint.await();
        } catch (UncheckedIOException | ConnectionException e) {
            endpoint = null;
            throw new TrackerException.Unreachable(name, e.getMessage(), e);
        }
    }
}
