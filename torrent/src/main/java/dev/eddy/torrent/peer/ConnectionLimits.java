package dev.eddy.torrent.peer;

import dev.eddy.torrent.metainfo.InfoHash;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Caps on open peer connections: one for the whole client and one per torrent. A connection takes
 * a {@link Slot} before its handshake completes and gives it back when it closes. Used on the loop
 * thread only.
 *
 * <pre>{@code
 * limits.tryOpen(infoHash).ifPresent(slot -> {
 *     PeerConnection c = PeerConnection.connect(loop, address, torrent, options);
 *     c.closed().addDoneCallback(done -> slot.release());
 * });
 * }</pre>
 */
public final class ConnectionLimits {
    private final int maxConnections;
    private final int maxPerTorrent;
    private final Map<InfoHash, Integer> perTorrent = new HashMap<>();
    private int open;

    /**
     * Creates the limits.
     *
     * @param maxConnections the most connections for the whole client
     * @param maxPerTorrent the most connections for any one torrent
     */
    public ConnectionLimits(int maxConnections, int maxPerTorrent) {
        if (maxConnections < 1 || maxPerTorrent < 1) {
            throw new IllegalArgumentException("connection limits must be positive, not " + maxConnections + " and "
                    + maxPerTorrent);
        }
        this.maxConnections = maxConnections;
        this.maxPerTorrent = maxPerTorrent;
    }

    /**
     * Takes a connection slot for a torrent if both limits allow one.
     *
     * @param torrent the torrent
     * @return the slot, or empty if the client or the torrent is at its limit
     */
    public Optional<Slot> tryOpen(InfoHash torrent) {
        if (open >= maxConnections || connections(torrent) >= maxPerTorrent) {
            return Optional.empty();
        }
        open++;
        perTorrent.merge(torrent, 1, Integer::sum);
        return Optional.of(new Slot(torrent));
    }

    /** {@return whether the client as a whole is at its limit} */
    public boolean isFull() {
        return open >= maxConnections;
    }

    /**
     * Which limit stops a new connection for a torrent, in words.
     *
     * @param torrent the torrent
     * @return the limit, or {@code null} if there is room
     */
    public String limitReached(InfoHash torrent) {
        if (open >= maxConnections) {
            return maxConnections + " connections in all";
        }
        if (connections(torrent) >= maxPerTorrent) {
            return maxPerTorrent + " connections for torrent " + torrent;
        }
        return null;
    }

    /** {@return how many slots are taken across the client} */
    public int connections() {
        return open;
    }

    /**
     * How many slots a torrent holds.
     *
     * @param torrent the torrent
     * @return the count
     */
    public int connections(InfoHash torrent) {
        return perTorrent.getOrDefault(torrent, 0);
    }

    /** One connection's place under the limits; releasing it twice does nothing. */
    public final class Slot {
        private final InfoHash torrent;
        private boolean released;

        private Slot(InfoHash torrent) {
            this.torrent = torrent;
        }

        /** Gives the slot back. */
        public void release() {
            if (released) {
                return;
            }
            released = true;
            open--;
            perTorrent.computeIfPresent(torrent, (key, count) -> count == 1 ? null : count - 1);
        }
    }
}
