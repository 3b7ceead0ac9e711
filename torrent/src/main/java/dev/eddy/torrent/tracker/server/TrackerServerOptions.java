package dev.eddy.torrent.tracker.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How Eddy's tracker listens and what it tells clients; the options {@code eddy tracker
 * [--http-port N] [--udp-port N] [--whitelist FILE]} maps onto.
 *
 * @param host the address to listen on, for both HTTP and UDP; {@code null} for every interface
 *     (IPv6 and IPv4 where the system allows a dual-stack socket)
 * @param httpPort the HTTP port; 0 for one the system picks, -1 for no HTTP tracker
 * @param udpPort the UDP port; 0 for one the system picks, -1 for no UDP tracker
 * @param interval how long clients should wait between announces; a peer that has not announced
 *     for twice this long is dropped
 * @param minInterval the least time between announces that clients must respect, at most {@code interval}
 * @param whitelist which torrents are served
 * @param limits the caps that bound memory and connections
 */
public record TrackerServerOptions(String host, int httpPort, int udpPort, Duration interval, Duration minInterval,
                             Whitelist whitelist, TrackerLimits limits) {

    /** The default announce interval: 30 minutes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

    /**
     * The defaults: every interface, the conventional port 6969 for both HTTP and UDP, a 30-minute
     * interval with a 15-minute minimum, every torrent served, {@link TrackerLimits#DEFAULTS}.
     */
    public static final TrackerServerOptions DEFAULTS = new TrackerServerOptions(null, 6969, 6969, DEFAULT_INTERVAL,
            DEFAULT_INTERVAL.dividedBy(2), Whitelist.ANY, TrackerLimits.DEFAULTS);

    /** Checks the ports and intervals. */
    public TrackerServerOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(whitelist, "whitelist");
        Objects.requireNonNull(limits, "limits");
        checkPort("HTTP", httpPort);
        checkPort("UDP", udpPort);
        if (httpPort < 0 && udpPort < 0) {
            throw new IllegalArgumentException("a tracker needs HTTP or UDP (or both)");
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the interval must be at least a second (UDP carries whole seconds): "
                    + interval);
        }
        if (minInterval.isNegative() || minInterval.compareTo(interval) > 0) {
            throw new IllegalArgumentException("need 0 <= minInterval <= interval, not " + minInterval);
        }
    }

    private static void checkPort(String what, int port) {
        if (port < -1 || port > 0xFFFF) {
            throw new IllegalArgumentException("the " + what + " port must be -1 (off), 0 (any) or up to 65535, not " + port);
        }
    }

    /** Loopback only, ports the system picks: the options for tests and demos. */
    public static TrackerServerOptions loopback() {
        return DEFAULTS.withHost("127.0.0.1").withPorts(0, 0);
    }

    /** These options listening on {@code address} ({@code null}: every interface). */
    public TrackerServerOptions withHost(String address) {
        return new TrackerServerOptions(address, httpPort, udpPort, interval, minInterval, whitelist, limits);
    }

    /** These options with other ports (0: any free port, -1: off). */
    public TrackerServerOptions withPorts(int http, int udp) {
        return new TrackerServerOptions(host, http, udp, interval, minInterval, whitelist, limits);
    }

    /** These options with another announce interval, and half of it as the minimum. */
    public TrackerServerOptions withInterval(Duration announceInterval) {
        return new TrackerServerOptions(host, httpPort, udpPort, announceInterval, announceInterval.dividedBy(2), whitelist,
                limits);
    }

    /** These options serving only what {@code list} allows. */
    public TrackerServerOptions withWhitelist(Whitelist list) {
        return new TrackerServerOptions(host, httpPort, udpPort, interval, minInterval, list, limits);
    }

    /** These options with other limits. */
    public TrackerServerOptions withLimits(TrackerLimits caps) {
        return new TrackerServerOptions(host, httpPort, udpPort, interval, minInterval, whitelist, caps);
    }

    /** How long a peer stays registered after its last announce: twice the interval. */
    public Duration peerLifetime() {
        return interval.multipliedBy(2);
    }
}
