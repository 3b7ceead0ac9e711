package dev.eddy.cli;

/**
 * The figures the progress line shows, taken at one moment; the engine fills one in each time it
 * reports progress.
 *
 * @param completedBytes bytes verified and written so far (resumed data included)
 * @param totalBytes the torrent's total size
 * @param downloadRate bytes per second received lately
 * @param uploadRate bytes per second sent lately
 * @param peersConnected peers with an open connection
 * @param peersKnown peers known from trackers, DHT, exchange or {@code --peer}
 * @param status a short note on trouble the user should know about, such as
 *     {@code "all trackers failing, retrying"}; empty when all is well
 */
public record ProgressSnapshot(
        long completedBytes,
        long totalBytes,
        long downloadRate,
        long uploadRate,
        int peersConnected,
        int peersKnown,
        String status) {
    /**
     * Checks the figures.
     *
     * @param completedBytes bytes done
     * @param totalBytes bytes in all
     * @param downloadRate bytes per second in
     * @param uploadRate bytes per second out
     * @param peersConnected connected peers
     * @param peersKnown known peers
     * @param status a note, or empty
     */
    public ProgressSnapshot {
        if (completedBytes < 0 || totalBytes < 0 || completedBytes > totalBytes) {
            throw new IllegalArgumentException("completed " + completedBytes + " of " + totalBytes + " bytes");
        }
        if (downloadRate < 0 || uploadRate < 0 || peersConnected < 0 || peersKnown < 0) {
            throw new IllegalArgumentException("negative rate or peer count");
        }
        status = status == null ? "" : status;
    }

    /** {@return the fraction done, from 0 to 1; an empty torrent counts as done} */
    public double fraction() {
        return totalBytes == 0 ? 1.0 : (double) completedBytes / totalBytes;
    }

    /** {@return whether every byte is done} */
    public boolean done() {
        return completedBytes == totalBytes;
    }

    /** {@return the seconds left at the current download rate, or -1 when it cannot be told} */
    public long etaSeconds() {
        if (done()) {
            return 0;
        }
        if (downloadRate == 0) {
            return -1;
        }
        return (totalBytes - completedBytes + downloadRate - 1) / downloadRate;
    }
}
