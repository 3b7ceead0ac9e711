package dev.eddy.torrent.storage;

/**
 * How a {@link Storage} treats its files.
 *
 * @param maxOpenFiles how many files may be open at once; the least recently used is closed first
 * @param preallocate whether to write a file out to its full size with zeros when it is first opened
 *     for writing (slower to start, but a full disk shows up at once); otherwise files are sparse and
 *     grow as pieces arrive
 * @param directWrites whether to write pieces bypassing the page cache ({@code O_DIRECT}) where the
 *     file system allows it and the piece's buffer came from {@link Storage#allocateWritable}: it
 *     saves the copy into the page cache and the write-back after it, at the price of reads soon
 *     after coming from the disk rather than from memory. Parts of a piece that do not fall on the
 *     4 KiB boundaries direct I/O needs (file edges in multi-file torrents), and files on file
 *     systems that refuse it, are written through the page cache. The direct channels are counted
 *     apart from {@code maxOpenFiles}: at most twice that many files are open.
 */
public record StorageOptions(int maxOpenFiles, boolean preallocate, boolean directWrites) {
    /** Sparse files, at most 64 open, direct writes. */
    public static final StorageOptions DEFAULTS = new StorageOptions(64, false, true);

    /**
     * Checks the limit.
     *
     * @param maxOpenFiles the open-file limit, at least 1
     * @param preallocate whether to preallocate
     * @param directWrites whether to write pieces bypassing the page cache where possible
     */
    public StorageOptions {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1, not " + maxOpenFiles);
        }
    }

    /**
     * Returns these options with direct writes on or off.
     *
     * @param on whether to write pieces bypassing the page cache where possible
     * @return the new options
     */
    public StorageOptions withDirectWrites(boolean on) {
        return new StorageOptions(maxOpenFiles, preallocate, on);
    }
}
