package dev.eddy.torrent.storage;

/**
 * How a {@link Storage} treats its files.
 *
 * @param maxOpenFiles how many files may be open at once; the least recently used is closed first
 * @param preallocate whether to write a file out to its full size with zeros when it is first opened
 *     for writing (slower to start, but a full disk shows up at once); otherwise files are sparse and
 *     grow as pieces arrive
 */
public record StorageOptions(int maxOpenFiles, boolean preallocate) {
    /** Sparse files, at most 64 open. */
    public static final StorageOptions DEFAULTS = new StorageOptions(64, false);

    /**
     * Checks the limit.
     *
     * @param maxOpenFiles the open-file limit, at least 1
     * @param preallocate whether to preallocate
     */
    public StorageOptions {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1, not " + maxOpenFiles);
        }
    }
}
