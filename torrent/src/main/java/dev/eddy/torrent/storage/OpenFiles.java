package dev.eddy.torrent.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * At most a fixed number of open channels, indexed by file, closing the least recently used one to
 * make room. Index arrays instead of a map keep lookups allocation-free on the data path.
 */
final class OpenFiles implements AutoCloseable {
    private static final int NONE = -1;

    private final FileChannel[] channels;
    private final boolean[] writable;
    private final int[] newer;
    private final int[] older;
    private final int capacity;
    private int newest = NONE;
    private int oldest = NONE;
    private int open;

    OpenFiles(int fileCount, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one file must be allowed open");
        }
        this.channels = new FileChannel[fileCount];
        this.writable = new boolean[fileCount];
        this.newer = new int[fileCount];
        this.older = new int[fileCount];
        this.capacity = capacity;
        Arrays.fill(newer, NONE);
        Arrays.fill(older, NONE);
    }

    /**
     * Returns a file's open channel and marks it most recently used.
     *
     * @param file the file index
     * @param forWrite whether the caller will write; a read-only channel does not count then
     * @return the channel, or null if the file is not open in a suitable mode
     */
    FileChannel get(int file, boolean forWrite) {
        FileChannel channel = channels[file];
        if (channel == null || forWrite && !writable[file]) {
            return null;
        }
        unlink(file);
        linkNewest(file);
        return channel;
    }

    /**
     * Adds a newly opened channel, replacing any older one of the same file and closing the least
     * recently used file if the limit is reached.
     *
     * @param file the file index
     * @param channel the channel
     * @param isWritable whether it was opened for writing
     * @throws IOException if closing an evicted channel fails
     */
    void put(int file, FileChannel channel, boolean isWritable) throws IOException {
        close(file);
        if (open == capacity) {
            close(oldest);
        }
        channels[file] = channel;
        writable[file] = isWritable;
        open++;
        linkNewest(file);
    }

    /**
     * Closes one file's channel if open. It does not sync: on the loop thread that could block, so
     * the storage keeps track of unsynced files itself.
     *
     * @param file the file index
     * @throws IOException if closing fails
     */
    void close(int file) throws IOException {
        FileChannel channel = channels[file];
        if (channel == null) {
            return;
        }
        unlink(file);
        channels[file] = null;
        open--;
        channel.close();
    }

    /** {@return how many channels are open} */
    int openCount() {
        return open;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        while (newest != NONE) {
            try {
                close(newest);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void linkNewest(int file) {
        older[file] = newest;
        newer[file] = NONE;
        if (newest != NONE) {
            newer[newest] = file;
        }
        newest = file;
        if (oldest == NONE) {
            oldest = file;
        }
    }

    private void unlink(int file) {
        int n = newer[file];
        int o = older[file];
        if (n != NONE) {
            older[n] = o;
        } else if (newest == file) {
            newest = o;
        }
        if (o != NONE) {
            newer[o] = n;
        } else if (oldest == file) {
            oldest = n;
        }
        newer[file] = NONE;
        older[file] = NONE;
    }
}
