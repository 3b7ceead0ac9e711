package dev.eddy.torrent.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PeerConnection} behaves.
 *
 * @param connectTimeout how long an outgoing TCP connect may take
 * @param handshakeTimeout how long the handshake may take once connected
 * @param keepAliveInterval after this long without sending, a keep-alive is sent (BEP 3: 2 minutes)
 * @param idleTimeout a peer that sends nothing for this long is dropped (3 minutes)
 * @param readBufferSize the read buffer, per connection (direct memory); it must hold a PIECE frame,
 *     and grows only for a BITFIELD larger than itself. A connection starts with a 4 KiB buffer and
 *     takes this size with its first PIECE. It also bounds one read of blocks straight into piece
 *     buffers (see {@link BlockLandings}): the default 128 KiB takes seven blocks a read, and cost
 *     5% less CPU than 64 KiB over a 1 GiB download ({@code bench/swarm.sh})
 * @param maxQueuedBytes how many bytes may wait for the transport while it is paused by flow
 *     control; past this, {@link PeerConnection#send} suspends and {@link PeerConnection#trySend} refuses
 * @param maxBlockLength the most data a received PIECE may carry: the largest block we request
 * @param rateTimeConstant how fast the upload and download rates forget old bytes (see
 *     {@link dev.eddy.torrent.pieces.RateMeter})
 */
public record PeerOptions(Duration connectTimeout, Duration handshakeTimeout, Duration keepAliveInterval,
        Duration idleTimeout, int readBufferSize, int maxQueuedBytes, int maxBlockLength, Duration rateTimeConstant) {

    /**
     * Connect in 15 s, handshake in 20 s, keep-alive after 2 minutes, drop after 3 silent minutes,
     * a 128 KiB read buffer, 1 MiB of queued writes, 16 KiB blocks, rates with a 5 s time constant.
     */
    public static final PeerOptions DEFAULTS = new PeerOptions(Duration.ofSeconds(15), Duration.ofSeconds(20),
            Duration.ofMinutes(2), Duration.ofMinutes(3), 128 * 1024, 1 << 20, MessageCodec.BLOCK_LENGTH,
            Duration.ofSeconds(5));

    /** Checks the options. */
    public PeerOptions {
        for (Duration d : new Duration[] {connectTimeout, handshakeTimeout, keepAliveInterval, idleTimeout, rateTimeConstant}) {
            if (Objects.requireNonNull(d, "durations must not be null").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, not " + d);
            }
        }
        if (maxBlockLength < 1 || maxBlockLength > MessageCodec.MAX_REQUEST_LENGTH) {
            throw new IllegalArgumentException("the block limit is 1 to 128 KiB, not " + maxBlockLength);
        }
        if (readBufferSize < MessageCodec.PIECE_HEADER_LENGTH + maxBlockLength) {
            throw new IllegalArgumentException("a read buffer of " + readBufferSize + " bytes cannot hold a PIECE frame of "
                    + (MessageCodec.PIECE_HEADER_LENGTH + maxBlockLength));
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("the write queue needs room, not " + maxQueuedBytes + " bytes");
        }
    }

    /**
     * These options with another connect timeout.
     *
     * @param timeout how long an outgoing TCP connect may take
     * @return the new options
     */
    public PeerOptions withConnectTimeout(Duration timeout) {
        return new PeerOptions(timeout, handshakeTimeout, keepAliveInterval, idleTimeout, readBufferSize,
                maxQueuedBytes, maxBlockLength, rateTimeConstant);
    }

    /**
     * These options with another write queue bound.
     *
     * @param bytes how many bytes may wait while the transport is paused
     * @return the new options
     */
    public PeerOptions withMaxQueuedBytes(int bytes) {
        return new PeerOptions(connectTimeout, handshakeTimeout, keepAliveInterval, idleTimeout, readBufferSize,
                bytes, maxBlockLength, rateTimeConstant);
    }
}
