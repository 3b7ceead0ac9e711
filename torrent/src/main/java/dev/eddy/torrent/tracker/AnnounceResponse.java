package dev.eddy.torrent.tracker;

import dev.eddy.torrent.peer.PeerAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tracker's answer to an announce.
 *
 * @param interval how long to wait before the next regular announce
 * @param minInterval the least the tracker allows between announces, or {@code null} if it set none
 * @param seeders the tracker's count of seeders ({@code complete}), or -1 if it gave none
 * @param leechers its count of leechers ({@code incomplete}), or -1 if it gave none
 * @param peers the peers, IPv4 and IPv6 together
 * @param warning a warning to show the user, or {@code null}
 * @param trackerId an id to send back in later announces, or {@code null}
 */
public record AnnounceResponse(Duration interval, Duration minInterval, int seeders, int leechers,
                               List<PeerAddress> peers, String warning, String trackerId) {

    /** Checks the interval and copies the peer list. */
    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("a negative announce interval: " + interval);
        }
        peers = List.copyOf(peers);
    }
}
