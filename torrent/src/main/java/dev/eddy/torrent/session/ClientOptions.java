package dev.eddy.torrent.session;

import dev.eddy.torrent.peer.PeerOptions;
import dev.eddy.torrent.tracker.AnnouncePolicy;
import dev.eddy.torrent.tracker.TrackerOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Client} behaves, for every torrent it runs.
 *
 * @param listenHost the address to accept peers on, or {@code null} for every interface
 * @param listenPort the port to accept peers on; 0 lets the system pick a free one
 * @param maxConnections the most peer connections for the whole client
 * @param maxConnectionsPerTorrent the most peer connections for any one torrent
 * @param maxHalfOpen the most outgoing TCP connects in flight at once
 * @param downloadRateLimit the client's download limit in bytes per second, 0 for none
 * @param uploadRateLimit the client's upload limit in bytes per second, 0 for none
 * @param pieceBufferBytes the cap on the piece buffers of every download together (direct memory,
 *     so it must fit under {@code -XX:MaxDirectMemorySize}): the memory a download takes depends on
 *     this, not on the torrent's size
 * @param peerOptions timeouts and buffers of each peer connection
 * @param trackerOptions timeouts and limits of tracker requests
 * @param announcePolicy when to announce; its stop timeout bounds how long a stop waits for trackers
 * @param diskThread whether complete pieces are written on a thread of the client's own (the
 *     default), so the loop goes on receiving while the disk takes its time, and hashed on another
 *     when the loop is busy with its connections; if not, both happen on the loop thread, which
 *     keeps a download to one thread at the price of speed: see docs/benchmarks.md
 */
public record ClientOptions(String listenHost, int listenPort, int maxConnections, int maxConnectionsPerTorrent,
        int maxHalfOpen, long downloadRateLimit, long uploadRateLimit, long pieceBufferBytes, PeerOptions peerOptions,
        TrackerOptions trackerOptions, AnnouncePolicy announcePolicy, boolean diskThread) {

    /**
     * Every interface, port 6881, 200 connections (50 per torrent), 20 connects in flight, no rate
     * limits, 64 MiB of piece buffers, the default peer, tracker and announce settings except a
     * 4 s bound on the {@code stopped} announce (so a whole stop fits in 5 s), and pieces written on
     * a thread of their own.
     */
    public static final ClientOptions DEFAULTS = new ClientOptions(null, 6881, 200, 50, 20, 0, 0, 64L << 20,
            PeerOptions.DEFAULTS, TrackerOptions.DEFAULTS, withStopTimeout(AnnouncePolicy.DEFAULTS, Duration.ofSeconds(4)),
            true);

    /** Checks the options. */
    public ClientOptions {
        if (listenPort < 0 || listenPort > 0xFFFF) {
            throw new IllegalArgumentException("the listen port must be 0 to 65535, not " + listenPort);
        }
        if (maxConnections < 1 || maxConnectionsPerTorrent < 1 || maxHalfOpen < 1) {
            throw new IllegalArgumentException("connection limits must be positive: " + maxConnections + ", "
                    + maxConnectionsPerTorrent + ", " + maxHalfOpen);
        }
        if (downloadRateLimit < 0 || uploadRateLimit < 0) {
            throw new IllegalArgumentException("rate limits must be 0 (none) or positive: " + downloadRateLimit + ", "
                    + uploadRateLimit);
        }
        if (pieceBufferBytes < 1) {
            throw new IllegalArgumentException("the piece buffers need room, not " + pieceBufferBytes + " bytes");
        }
        Objects.requireNonNull(peerOptions, "peerOptions");
        Objects.requireNonNull(trackerOptions, "trackerOptions");
        Objects.requireNonNull(announcePolicy, "announcePolicy");
    }

    /**
     * These options with another listening address.
     *
     * @param host the address, or {@code null} for every interface
     * @param port the port, 0 for any free one
     * @return the new options
     */
    public ClientOptions withListen(String host, int port) {
        return new ClientOptions(host, port, maxConnections, maxConnectionsPerTorrent, maxHalfOpen, downloadRateLimit,
                uploadRateLimit, pieceBufferBytes, peerOptions, trackerOptions, announcePolicy, diskThread);
    }

    /**
     * These options with other connection limits.
     *
     * @param total the most connections for the client
     * @param perTorrent the most connections for one torrent
     * @param halfOpen the most connects in flight
     * @return the new options
     */
    public ClientOptions withConnectionLimits(int total, int perTorrent, int halfOpen) {
        return new ClientOptions(listenHost, listenPort, total, perTorrent, halfOpen, downloadRateLimit,
                uploadRateLimit, pieceBufferBytes, peerOptions, trackerOptions, announcePolicy, diskThread);
    }

    /**
     * These options with other client-wide rate limits.
     *
     * @param download bytes per second, 0 for none
     * @param upload bytes per second, 0 for none
     * @return the new options
     */
    public ClientOptions withRateLimits(long download, long upload) {
        return new ClientOptions(listenHost, listenPort, maxConnections, maxConnectionsPerTorrent, maxHalfOpen, download,
                upload, pieceBufferBytes, peerOptions, trackerOptions, announcePolicy, diskThread);
    }

    /**
     * These options with another cap on piece buffers.
     *
     * @param bytes the cap
     * @return the new options
     */
    public ClientOptions withPieceBufferBytes(long bytes) {
        return new ClientOptions(listenHost, listenPort, maxConnections, maxConnectionsPerTorrent, maxHalfOpen,
                downloadRateLimit, uploadRateLimit, bytes, peerOptions, trackerOptions, announcePolicy, diskThread);
    }

    /**
     * These options with other peer connection settings.
     *
     * @param options the settings
     * @return the new options
     */
    public ClientOptions withPeerOptions(PeerOptions options) {
        return new ClientOptions(listenHost, listenPort, maxConnections, maxConnectionsPerTorrent, maxHalfOpen,
                downloadRateLimit, uploadRateLimit, pieceBufferBytes, options, trackerOptions, announcePolicy, diskThread);
    }

    /**
     * These options with other tracker settings.
     *
     * @param tracker timeouts and limits of tracker requests
     * @param policy when to announce
     * @return the new options
     */
    public ClientOptions withTrackers(TrackerOptions tracker, AnnouncePolicy policy) {
        return new ClientOptions(listenHost, listenPort, maxConnections, maxConnectionsPerTorrent, maxHalfOpen,
                downloadRateLimit, uploadRateLimit, pieceBufferBytes, peerOptions, tracker, policy, diskThread);
    }

    /**
     * These options with or without threads of their own for complete pieces.
     *
     * @param ownThread whether complete pieces are written (and, when the loop is busy, hashed) on
     *     threads of their own rather than on the loop thread
     * @return the new options
     */
    public ClientOptions withDiskThread(boolean ownThread) {
        return new ClientOptions(listenHost, listenPort, maxConnections, maxConnectionsPerTorrent, maxHalfOpen,
                downloadRateLimit, uploadRateLimit, pieceBufferBytes, peerOptions, trackerOptions, announcePolicy,
                ownThread);
    }

    private static AnnouncePolicy withStopTimeout(AnnouncePolicy policy, Duration stopTimeout) {
        return new AnnouncePolicy(policy.shortestInterval(), policy.longestInterval(), policy.firstBackoff(),
                policy.longestBackoff(), policy.jitter(), stopTimeout, policy.numWant());
    }
}
