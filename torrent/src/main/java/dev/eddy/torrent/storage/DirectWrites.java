package dev.eddy.torrent.storage;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes that bypass the page cache ({@code O_DIRECT}), for the stretches of a write that the file
 * system can take that way: file offset, length and memory address all on a {@link #ALIGNMENT}
 * boundary.
 *
 * <p>Why: a downloaded piece is written once and, while downloading, rarely read back soon. Through
 * the page cache every byte is copied into it by the writing thread and written back later by the
 * kernel's flusher, both on CPU the download needs; measured on this project's benchmark machine,
 * writing 1 GiB took 0.24 s of system time buffered (with its sync) against 0.05–0.10 s direct.
 *
 * <p>A file whose file system refuses direct I/O (tmpfs, some network file systems), or whose
 * direct write fails for any reason, is written through the page cache from then on: the caller
 * writes whatever this class did not. Uses the storage's monitor; not thread-safe by itself.
 */
final class DirectWrites implements AutoCloseable {
    /**
     * The boundary direct writes keep to: the page size, a multiple of every common file-system
     * block size. A file system that needs more refuses the write, and the file falls back.
     */
    static final int ALIGNMENT = 4096;
    private static final Logger LOG = System.getLogger(DirectWrites.class.getName());

    private final DownloadFolder folder;
    private final Path[] paths;
    private final OpenFiles channels;
    private final boolean[] refused;
    private long bytesWritten;

    DirectWrites(DownloadFolder folder, Path[] paths, int maxOpenFiles) {
        this.folder = folder;
        this.paths = paths;
        this.channels = new OpenFiles(paths.length, maxOpenFiles);
        this.refused = new boolean[paths.length];
    }

    /**
     * Allocates a direct buffer whose memory starts on an {@link #ALIGNMENT} boundary.
     *
     * @param capacity its capacity
     * @return the buffer, position 0, limit at its capacity
     */
    static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity + 2 * ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, capacity);
    }

    /**
     * Finds where the aligned middle of {@code data} starts, if it has one and the file takes
     * direct writes: returns the length of the unaligned head before it, which the caller writes
     * through the page cache before handing the rest to {@link #writeAligned}; or -1 if nothing
     * can go direct, when the caller writes it all through the page cache.
     *
     * @param file the file index
     * @param position where {@code data} starts in the file
     * @param data the bytes; only read here
     * @return the head length, or -1
     */
    int alignedHead(int file, long position, ByteBuffer data) {
        if (refused[file] || !data.isDirect()) {
            return -1;
        }
        int head = (int) Math.floorMod(-position, (long) ALIGNMENT);
        if (head >= data.remaining() || data.alignmentOffset(data.position() + head, ALIGNMENT) != 0
                || data.remaining() - head < ALIGNMENT) {
            return -1;
        }
        return head;
    }

    /**
     * Writes as many whole {@link #ALIGNMENT} units of {@code data} as it holds, directly. The data's
     * position and the file position must be aligned ({@link #alignedHead} said so). On a failure
     * the file is written through the page cache from then on, and the data's position tells the
     * caller where to carry on.
     *
     * @param file the file index
     * @param position the file position of {@code data}'s position
     * @return the file position after what was written
     */
    long writeAligned(int file, long position, ByteBuffer data) {
        int end = data.limit();
        data.limit(data.position() + (data.remaining() & -ALIGNMENT));
        try {
            FileChannel channel = channel(file);
            while (data.hasRemaining()) {
                int written = channel.write(data, position);
                position += written;
                bytesWritten += written;
            }
        } catch (IOException e) {
            refuse(file, e);
        } finally {
            data.limit(end);
        }
        return position;
    }

    /** {@return how many direct channels are open} */
    int openCount() {
        return channels.openCount();
    }

    /** {@return how many bytes went to disk directly so far} */
    long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void close() throws IOException {
        channels.close();
    }

    private FileChannel channel(int file) throws IOException {
        FileChannel channel = channels.get(file, true);
        if (channel == null) {
            channel = folder.openForDirectWrite(paths[file]);
            channels.put(file, channel, true);
        }
        return channel;
    }

    private void refuse(int file, Exception cause) {
        refused[file] = true;
        try {
            channels.close(file);
        } catch (IOException closing) {
            cause.addSuppressed(closing);
        }
        LOG.log(Level.DEBUG, () -> paths[file] + ": direct writes refused (" + cause.getMessage()
                + "); writing through the page cache");
    }
}
