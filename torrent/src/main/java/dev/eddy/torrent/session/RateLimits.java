package dev.eddy.torrent.session;

import java.util.Objects;

/**
 * A torrent's download and upload limiters, each combining the client-wide bucket with the
 * torrent's own.
 *
 * @param download limits the PIECE data we receive (the engine takes before reading more)
 * @param upload limits the PIECE data we send (the engine takes before sending a block)
 */
public record RateLimits(RateLimiter download, RateLimiter upload) {

    /** Checks for nulls. */
    public RateLimits {
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(upload, "upload");
    }

    /**
     * Combines client-wide and per-torrent buckets.
     *
     * @param globalDownload the client's download bucket, shared by every torrent
     * @param globalUpload the client's upload bucket, shared by every torrent
     * @param torrentDownload this torrent's download bucket
     * @param torrentUpload this torrent's upload bucket
     * @return the torrent's limits
     */
    public static RateLimits of(TokenBucket globalDownload, TokenBucket globalUpload,
            TokenBucket torrentDownload, TokenBucket torrentUpload) {
        return new RateLimits(new RateLimiter(globalDownload, torrentDownload),
                new RateLimiter(globalUpload, torrentUpload));
    }

    /** {@return limits that never limit} */
    public static RateLimits unlimited() {
        return new RateLimits(RateLimiter.unlimited(), RateLimiter.unlimited());
    }
}
