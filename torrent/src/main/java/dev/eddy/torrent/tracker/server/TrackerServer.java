package dev.eddy.torrent.tracker.server;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.LoopDiagnostic;
import dev.eddy.loop.TimerHandle;
import dev.eddy.loop.net.DatagramEndpoint;
import dev.eddy.loop.net.Datagrams;
import dev.eddy.loop.net.Net;
import dev.eddy.loop.net.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Eddy's own BitTorrent tracker, on the loop: HTTP announce and scrape (BEP 3, 7, 23, 48) and UDP
 * (BEP 15), sharing one set of swarms. It is small and for LANs, demos and tests, not for the
 * open internet.
 *
 * <pre>{@code
 * TrackerServer tracker = TrackerServer.start(loop, TrackerServerOptions.loopback()).await();
 * String announce = "http://127.0.0.1:" + tracker.httpPort() + "/announce";
 * ...
 * tracker.close();
 * }</pre>
 *
 * <p>A peer is dropped when it has not announced for twice the interval; the check runs every
 * half interval (at most every minute), so a peer goes between 2 and 2.5 intervals after its last
 * announce. Used on the loop thread only.
 */
public final class TrackerServer implements AutoCloseable {
    private static final Duration MAX_SWEEP_PERIOD = Duration.ofMinutes(1);

    private final EventLoop loop;
    private final Swarms swarms;
    private final HttpTrackerService http;
    private final Server httpServer;
    private final DatagramEndpoint<UdpTrackerProtocol> udp;
    private final Duration sweepPeriod;
    private TimerHandle sweep;
    private boolean closed;

    private TrackerServer(EventLoop loop, Swarms swarms, HttpTrackerService http, Server httpServer,
            DatagramEndpoint<UdpTrackerProtocol> udp, TrackerServerOptions options) {
        this.loop = loop;
        this.swarms = swarms;
        this.http = http;
        this.httpServer = httpServer;
        this.udp = udp;
        Duration half = options.interval().dividedBy(2);
        this.sweepPeriod = half.compareTo(MAX_SWEEP_PERIOD) > 0 ? MAX_SWEEP_PERIOD : half;
        this.sweep = loop.callLater(sweepPeriod, this::sweep);
    }

    /**
     * Starts a tracker: binds its HTTP and UDP ports (0 picks free ones) and starts serving.
     *
     * @return a future with the running tracker; failed (with nothing left bound) if a port cannot be bound
     */
    public static Future<TrackerServer> start(EventLoop loop, TrackerServerOptions options) {
        Swarms swarms = new Swarms(options.whitelist(), options.limits(), options.peerLifetime(), new SplittableRandom());
        HttpTrackerService http = new HttpTrackerService(loop, swarms, options);
        return loop.createTask("tracker start", () -> {
            Server httpServer = options.httpPort() < 0 ? null
                    : Net.createServer(loop, options.host(), options.httpPort(), () -> new HttpTrackerConnection(http))
                            .await();
            try {
                DatagramEndpoint<UdpTrackerProtocol> udp = null;
                if (options.udpPort() >= 0) {
                    ConnectionIds ids = new ConnectionIds(new SecureRandom());
                    udp = Datagrams.<UdpTrackerProtocol>createEndpoint(loop, udpAddress(options), null,
                            () -> new UdpTrackerProtocol(loop, swarms, ids, options)).await();
                }
                return new TrackerServer(loop, swarms, http, httpServer, udp, options);
            } catch (RuntimeException e) {
                if (httpServer != null) {
                    httpServer.close();
                }
                throw e;
            }
        });
    }

    /** A literal stays as it is; a name is left unresolved for the endpoint to look up off the loop thread. */
    private static InetSocketAddress udpAddress(TrackerServerOptions options) {
        String host = options.host() == null ? "::" : options.host();
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), options.udpPort());
        } catch (IllegalArgumentException name) {
            return InetSocketAddress.createUnresolved(host, options.udpPort());
        }
    }

    private void sweep() {
        if (closed) {
            return;
        }
        swarms.expire(loop.time());
        sweep = loop.callLater(sweepPeriod, this::sweep);
    }

    /**
     * Calls {@code listener} with every announce the tracker answers, over HTTP or UDP, on the loop
     * thread and before the reply goes out; a later call replaces the listener. For a log line per
     * announce, and for tests that wait for a client. An exception from the listener is reported
     * to the loop's diagnostics and does not stop the announce.
     */
    public void onAnnounce(Consumer<AnnounceSeen> listener) {
        Objects.requireNonNull(listener, "listener");
        swarms.onAnnounce(seen -> {
            try {
                listener.accept(seen);
            } catch (RuntimeException e) {
                loop.report(new LoopDiagnostic.CallbackFailed("the tracker's announce listener", e));
            }
        });
    }

    /** The HTTP port it listens on, or -1 without HTTP. */
    public int httpPort() {
        return httpServer == null ? -1 : httpServer.port();
    }

    /** The UDP port it listens on, or -1 without UDP. */
    public int udpPort() {
        return udp == null ? -1 : ((InetSocketAddress) udp.transport().localAddress()).getPort();
    }

    /** How many torrents it tracks now. */
    public int torrentCount() {
        return swarms.torrentCount();
    }

    /** How many peers it has registered now, over all torrents. */
    public int peerCount() {
        return swarms.peerCount();
    }

    /** How many HTTP connections are open now. */
    public int httpConnectionCount() {
        return http.connectionCount();
    }

    /** Stops at once: closes the ports and every open connection, and forgets all peers. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweep.cancel();
        if (httpServer != null) {
            httpServer.close();
        }
        http.abortAll();
        if (udp != null) {
            udp.transport().close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
