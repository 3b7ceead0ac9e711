package dev.eddy.torrent.tracker;

/**
 * The byte counts an announce reports, as the engine knows them at that moment.
 *
 * @param uploaded bytes sent to peers since the torrent started
 * @param downloaded bytes received from peers since then
 * @param left bytes still missing; 0 once the download is complete
 */
public record TransferTotals(long uploaded, long downloaded, long left) {
    /** Checks that no count is negative. */
    public TransferTotals {
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("transfer totals cannot be negative");
        }
    }
}
