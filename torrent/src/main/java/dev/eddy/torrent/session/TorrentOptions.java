package dev.eddy.torrent.session;

import dev.eddy.torrent.storage.StorageOptions;
import java.util.Objects;

/**
 * How one torrent of a {@link Client} behaves.
 *
 * @param seedWhenDone whether to keep uploading once every piece is verified; {@code false} stops
 *     the torrent when the download completes
 * @param downloadRateLimit this torrent's download limit in bytes per second, 0 for none (the
 *     client's limit applies as well)
 * @param uploadRateLimit this torrent's upload limit in bytes per second, 0 for none
 * @param sequential whether to start pieces in index order (for streaming) instead of rarest first
 * @param storage how the files are opened
 */
public record TorrentOptions(boolean seedWhenDone, long downloadRateLimit, long uploadRateLimit, boolean sequential,
        StorageOptions storage) {

    /** Seed when done, no limits of its own, rarest first, default storage. */
    public static final TorrentOptions DEFAULTS = new TorrentOptions(true, 0, 0, false, StorageOptions.DEFAULTS);

    /** Checks the options. */
    public TorrentOptions {
        if (downloadRateLimit < 0 || uploadRateLimit < 0) {
            throw new IllegalArgumentException("rate limits must be 0 (none) or positive: " + downloadRateLimit + ", "
                    + uploadRateLimit);
        }
        Objects.requireNonNull(storage, "storage");
    }

    /**
     * These options with another choice about seeding.
     *
     * @param seed whether to keep uploading after the download completes
     * @return the new options
     */
    public TorrentOptions withSeedWhenDone(boolean seed) {
        return new TorrentOptions(seed, downloadRateLimit, uploadRateLimit, sequential, storage);
    }

    /**
     * These options with other rate limits.
     *
     * @param download bytes per second, 0 for none
     * @param upload bytes per second, 0 for none
     * @return the new options
     */
    public TorrentOptions withRateLimits(long download, long upload) {
        return new TorrentOptions(seedWhenDone, download, upload, sequential, storage);
    }

    /**
     * These options with another piece order.
     *
     * @param inOrder whether to start pieces in index order
     * @return the new options
     */
    public TorrentOptions withSequential(boolean inOrder) {
        return new TorrentOptions(seedWhenDone, downloadRateLimit, uploadRateLimit, inOrder, storage);
    }

    /**
     * These options with other storage settings.
     *
     * @param options the storage settings
     * @return the new options
     */
    public TorrentOptions withStorage(StorageOptions options) {
        return new TorrentOptions(seedWhenDone, downloadRateLimit, uploadRateLimit, sequential, options);
    }
}
