package dev.eddy.torrent.session;

import dev.eddy.torrent.tracker.TrackerStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one torrent, for the CLI's progress line. Byte counts are piece data only (no
 * protocol overhead); "this session" means since this {@link TorrentSession} was added.
 *
 * @param state where the torrent is in its life
 * @param verifiedBytes bytes of the pieces we have, verified
 * @param totalBytes the torrent's size
 * @param pieces pieces we have
 * @param pieceCount the torrent's pieces
 * @param downloadRate piece data received per second, smoothed
 * @param uploadRate piece data sent per second, smoothed
 * @param downloaded block bytes accepted from peers this session (what trackers hear as downloaded)
 * @param uploaded block bytes sent to peers this session
 * @param fetched every block byte received this session, duplicates, unrequested and failed data included
 * @param ratio uploaded divided by downloaded, or by the torrent's size when nothing was downloaded
 * @param peersConnected peers with a completed handshake
 * @param peersKnown addresses we know of, connected or not
 * @param eta the time left at the current download rate; empty when seeding, stopped or stalled
 * @param trackers each tracker's last known state
 * @param bytesBySource block bytes accepted this session from each peer IP address that sent any (every
 *     connection from an address counts together); at most 256 addresses, those that sent the least left out
 */
public record TorrentStats(TorrentState state, long verifiedBytes, long totalBytes, int pieces, int pieceCount,
        double downloadRate, double uploadRate, long downloaded, long uploaded, long fetched, double ratio,
        int peersConnected, int peersKnown, Optional<Duration> eta, List<TrackerStatus> trackers,
        Map<InetAddress, Long> bytesBySource) {

    /** Copies the collections. */
    public TorrentStats {
        trackers = List.copyOf(trackers);
        bytesBySource = Map.copyOf(bytesBySource);
    }

    /** {@return the fraction verified, 0 to 1} */
    public double progress() {
        return totalBytes == 0 ? 1.0 : (double) verifiedBytes / totalBytes;
    }
}
