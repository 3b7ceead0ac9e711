package dev.eddy.torrent.tracker.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds that keep Eddy's tracker small whatever its clients send. Memory is roughly
 * {@code maxPeers × 200 bytes} plus {@code maxTorrents × 300 bytes}: about 40 MB at the defaults.
 *
 * @param defaultNumWant peers in a reply when the client does not say {@code numwant}
 * @param maxNumWant the most peers in any reply, whatever {@code numwant} asks (a UDP reply over
 *     IPv6 is further held to {@value UdpTrackerProtocol#MAX_IPV6_PEERS} peers so it fits one datagram)
 * @param maxTorrents the most torrents tracked at once; an announce for one more is refused
 * @param maxPeersPerTorrent the most peers kept for one torrent; past it, a new peer still gets
 *     peers but is not registered, and its reply carries a warning
 * @param maxPeers the most peers kept over all torrents, with the same rule
 * @param maxConnections the most HTTP connections open at once; more are closed on arrival
 * @param maxRequestHead the most bytes of one HTTP request head (request line and headers)
 * @param idleTimeout how long an HTTP connection may go without completing a request before it is
 *     closed; it also bounds how slowly a client may send one request
 */
public record TrackerLimits(int defaultNumWant, int maxNumWant, int maxTorrents, int maxPeersPerTorrent,
                            int maxPeers, int maxConnections, int maxRequestHead, Duration idleTimeout) {

    /** The defaults: 50 peers per reply (at most 200), 10,000 torrents, 5,000 peers per torrent,
     *  200,000 peers, 10,000 connections, 8 KiB request heads, 30 s idle. */
    public static final TrackerLimits DEFAULTS =
            new TrackerLimits(50, 200, 10_000, 5_000, 200_000, 10_000, 8 * 1024, Duration.ofSeconds(30));

    /** Checks that every bound is positive. */
    public TrackerLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (defaultNumWant < 0 || maxNumWant < 0 || defaultNumWant > maxNumWant) {
            throw new IllegalArgumentException("need 0 <= defaultNumWant <= maxNumWant, not "
                    + defaultNumWant + " and " + maxNumWant);
        }
        if (maxTorrents < 1 || maxPeersPerTorrent < 1 || maxPeers < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("the torrent, peer and connection caps must be at least 1");
        }
        if (maxRequestHead < 256) {
            throw new IllegalArgumentException("a request head cap under 256 bytes refuses real clients: " + maxRequestHead);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, not " + idleTimeout);
        }
    }

    /** These limits with other caps on torrents and peers. */
    public TrackerLimits withSwarmCaps(int torrents, int peersPerTorrent, int peers) {
        return new TrackerLimits(defaultNumWant, maxNumWant, torrents, peersPerTorrent, peers, maxConnections,
                maxRequestHead, idleTimeout);
    }

    /** These limits with another default and cap for {@code numwant}. */
    public TrackerLimits withNumWant(int byDefault, int most) {
        return new TrackerLimits(byDefault, most, maxTorrents, maxPeersPerTorrent, maxPeers, maxConnections,
                maxRequestHead, idleTimeout);
    }

    /** These limits with other bounds on HTTP connections. */
    public TrackerLimits withHttp(int connections, int requestHead, Duration idle) {
        return new TrackerLimits(defaultNumWant, maxNumWant, maxTorrents, maxPeersPerTorrent, maxPeers, connections,
                requestHead, idle);
    }
}
