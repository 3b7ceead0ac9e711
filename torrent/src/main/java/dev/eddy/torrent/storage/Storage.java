package dev.eddy.torrent.storage;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A torrent's files on disk, read and written by piece, offset and length.
 *
 * <p>Plain synchronous methods: positional {@link FileChannel} I/O, with no allocation on the read
 * and write paths once the files are open. Reads go through the page cache; so do writes, except
 * that pieces in buffers from {@link #allocateWritable} bypass it where they can (see
 * {@link StorageOptions#directWrites()}). Each call holds the storage's
 * monitor, so a client's writing thread storing a piece and the loop thread reading a block to upload
 * take turns; no call holds it for longer than one piece's I/O. Files are created on the first write (with their folders, and
 * every empty file of the torrent with them); BEP 47 padding files are never created: writes to them
 * are dropped and reads give zeros.
 */
public final class Storage implements Closeable {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final StorageLayout layout;
    private final List<TorrentFile> files;
    private final DownloadFolder folder;
    private final StorageOptions options;
    private final Path[] paths;
    private final OpenFiles openFiles;
    /** Null when {@link StorageOptions#directWrites()} is off. */
    private final DirectWrites direct;
    private final boolean[] unsynced;
    private boolean emptyFilesCreated;

    /**
     * Prepares storage for a torrent; nothing touches the disk until the first read or write.
     *
     * @param metainfo the torrent
     * @param root the download folder; the torrent's paths go below it
     * @param options open-file limit and allocation
     * @throws UnsafePathException if a path of the torrent is unsafe
     */
    public Storage(Metainfo metainfo, Path root, StorageOptions options) throws UnsafePathException {
        this(StorageLayout.of(metainfo), new DownloadFolder(root), options);
    }

    /**
     * Prepares storage for a layout of files.
     *
     * @param layout the files and piece length
     * @param root the download folder
     * @param options open-file limit and allocation
     * @throws UnsafePathException if a path is unsafe
     */
    public Storage(StorageLayout layout, Path root, StorageOptions options) throws UnsafePathException {
        this(layout, new DownloadFolder(root), options);
    }

    Storage(StorageLayout layout, DownloadFolder folder, StorageOptions options) throws UnsafePathException {
        this.layout = layout;
        this.files = layout.files();
        this.folder = folder;
        this.options = options;
        this.paths = new Path[files.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = folder.resolve(files.get(i).path());
        }
        this.openFiles = new OpenFiles(files.size(), options.maxOpenFiles());
        this.direct = options.directWrites() ? new DirectWrites(folder, paths, options.maxOpenFiles()) : null;
        this.unsynced = new boolean[files.size()];
    }

    /** {@return the layout of pieces over files} */
    public StorageLayout layout() {
        return layout;
    }

    /** {@return the download folder} */
    public Path root() {
        return folder.root();
    }

    /**
     * Returns where a file lives.
     *
     * @param file the file index
     * @return its path below the download folder
     */
    public Path path(int file) {
        return paths[file];
    }

    /**
     * Writes bytes at an offset within a piece, across as many files as they span.
     *
     * @param piece the piece
     * @param offset the offset within the piece
     * @param data the bytes, from its position to its limit; on return its position is at the limit
     * @throws IndexOutOfBoundsException if the range is not inside the piece
     * @throws StorageException naming the file, if a write fails
     */
    public synchronized void write(int piece, int offset, ByteBuffer data) throws StorageException {
        long position = layout.torrentOffset(piece, offset, data.remaining());
        if (!emptyFilesCreated) {
            createEmptyFiles();
        }
        transfer(position, data, true);
    }

    /**
     * Reads bytes at an offset within a piece, for data known to be on disk.
     *
     * @param piece the piece
     * @param offset the offset within the piece
     * @param into the buffer to fill from its position to its limit
     * @throws IndexOutOfBoundsException if the range is not inside the piece
     * @throws MissingDataException if a file is missing or too short
     * @throws StorageException naming the file, if a read fails
     */
    public synchronized void read(int piece, int offset, ByteBuffer into) throws StorageException {
        int missing = readAvailable(layout.torrentOffset(piece, offset, into.remaining()), into);
        if (missing >= 0) {
            throw new MissingDataException(paths[missing], "is missing or shorter than the torrent says", null);
        }
    }

    /**
     * Reads bytes at an offset within a piece if they are all on disk. A missing or short file is
     * the normal state of an unfinished download, so it is an answer here, not an error.
     *
     * @param piece the piece
     * @param offset the offset within the piece
     * @param into the buffer to fill from its position to its limit
     * @return whether every byte was read; if not, the buffer's contents are unspecified
     * @throws StorageException naming the file, if a read fails for another reason
     */
    public synchronized boolean readIfPresent(int piece, int offset, ByteBuffer into) throws StorageException {
        return readAvailable(layout.torrentOffset(piece, offset, into.remaining()), into) < 0;
    }

    /**
     * Reads a range of the torrent's data that may span several pieces, if it is all on disk; for
     * rechecking in large reads.
     *
     * @param torrentOffset where the range starts in the torrent's concatenated data
     * @param into the buffer to fill from its position to its limit
     * @return whether every byte was read
     * @throws IndexOutOfBoundsException if the range runs past the end of the data
     * @throws StorageException naming the file, if a read fails for another reason
     */
    public synchronized boolean readRangeIfPresent(long torrentOffset, ByteBuffer into) throws StorageException {
        Objects.checkFromIndexSize(torrentOffset, into.remaining(), layout.totalLength());
        return readAvailable(torrentOffset, into) < 0;
    }

    private int readAvailable(long position, ByteBuffer into) throws StorageException {
        return transfer(position, into, false);
    }

    /**
     * Walks the files under a range of the torrent's data and writes or reads each part.
     *
     * @return -1 when every byte was transferred, else the index of a file that lacks data to read
     */
    private int transfer(long position, ByteBuffer buffer, boolean write) throws StorageException {
        int limit = buffer.limit();
        try {
            for (int file = buffer.hasRemaining() ? layout.fileAt(position) : files.size(); buffer.hasRemaining(); file++) {
                TorrentFile f = files.get(file);
                long inFile = position - f.offset();
                int take = (int) Math.min(buffer.remaining(), f.length() - inFile);
                if (take == 0) {
                    continue;
                }
                buffer.limit(buffer.position() + take);
                if (f.padding() && write) {
                    buffer.position(buffer.limit());
                } else if (f.padding()) {
                    fillZeros(buffer);
                } else if (write) {
                    writeFully(file, inFile, buffer);
                } else if (!readFully(file, inFile, buffer)) {
                    return file;
                }
                buffer.limit(limit);
                position += take;
            }
            return -1;
        } finally {
            buffer.limit(limit);
        }
    }

    /**
     * Returns a file's size and modification time as they are on disk now. It touches no open file,
     * so it may run on any thread.
     *
     * @param file the file index
     * @return the stamp, or empty if the file does not exist
     * @throws StorageException if the file cannot be inspected
     */
    public Optional<FileStamp> stamp(int file) throws StorageException {
        Optional<BasicFileAttributes> attributes = folder.attributes(paths[file]);
        return attributes.map(a -> {
            Instant modified = a.lastModifiedTime().toInstant();
            return new FileStamp(a.size(), modified.getEpochSecond() * 1_000_000_000L + modified.getNano());
        });
    }

    /**
     * Syncs every file written since the last flush (or {@link #takeUnsynced()}) to the disk, so that what was written survives
     * a power cut. This blocks for as long as the disk takes: off the loop thread, or rarely.
     *
     * @throws StorageException naming the file, if a sync fails
     */
    public synchronized void flush() throws StorageException {
        for (int file = 0; file < unsynced.length; file++) {
            if (unsynced[file]) {
                try {
                    channel(file, true).force(false);
                } catch (IOException e) {
                    throw StorageException.classify(paths[file], "sync", e);
                }
                unsynced[file] = false;
            }
        }
    }

    /**
     * Hands over the files written since the last flush or hand-over, for a sync elsewhere (see
     * {@link #syncSeparately}): they count as synced from now on, so a write after this call marks
     * its file again. If the sync fails, give them back with {@link #markUnsynced}.
     *
     * @return the file indexes
     */
    public synchronized List<Integer> takeUnsynced() {
        List<Integer> taken = writtenSinceSync();
        for (int file : taken) {
            unsynced[file] = false;
        }
        return taken;
    }

    /**
     * Lists the files written since the last flush or hand-over, leaving them unsynced: for a sync
     * elsewhere that only writes data back early (see {@link #syncSeparately}), while the next
     * flush or hand-over still covers them.
     *
     * @return the file indexes
     */
    public synchronized List<Integer> writtenSinceSync() {
        List<Integer> written = new ArrayList<>();
        for (int file = 0; file < unsynced.length; file++) {
            if (unsynced[file]) {
                written.add(file);
            }
        }
        return written;
    }

    /**
     * Takes back files whose sync failed, so that the next flush or hand-over syncs them.
     *
     * @param taken file indexes from {@link #takeUnsynced()}
     */
    public synchronized void markUnsynced(List<Integer> taken) {
        for (int file : taken) {
            unsynced[file] = true;
        }
    }

    /**
     * Syncs files' written data to the disk through channels of their own, leaving the storage's open
     * files alone, so it may run on any thread while the storage is in use. A sync through any
     * descriptor of a file writes back all of its dirty pages. It blocks for as long as the disk takes.
     *
     * @param files the file indexes, as {@link #takeUnsynced()} or {@link #writtenSinceSync()} give them
     * @throws StorageException naming the first file whose sync fails
     */
    public void syncSeparately(List<Integer> files) throws StorageException {
        for (int file : files) {
            try (FileChannel channel = FileChannel.open(paths[file], StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                channel.force(false);
            } catch (IOException e) {
                throw StorageException.classify(paths[file], "sync", e);
            }
        }
    }

    /** {@return how many files are open now} */
    public synchronized int openFileCount() {
        return openFiles.openCount() + (direct == null ? 0 : direct.openCount());
    }

    /** {@return how many bytes were written to disk bypassing the page cache; see StorageOptions#directWrites} */
    public synchronized long directBytesWritten() {
        return direct == null ? 0 : direct.bytesWritten();
    }

    /**
     * Allocates a buffer that pieces can be written from without the page cache (see
     * {@link StorageOptions#directWrites()}): a direct buffer whose memory is aligned for direct I/O.
     * Other buffers are written through the page cache.
     *
     * @param capacity its capacity
     * @return the buffer, position 0, limit at its capacity
     */
    public static ByteBuffer allocateWritable(int capacity) {
        return DirectWrites.allocate(capacity);
    }

    /**
     * Closes every open file. It does not sync; call {@link #flush()} first for that.
     *
     * @throws IOException if closing a file fails
     */
    @Override
    public synchronized void close() throws IOException {
        try (openFiles) {
            if (direct != null) {
                direct.close();
            }
        }
    }

    private void createEmptyFiles() throws StorageException {
        for (int file = 0; file < paths.length; file++) {
            if (files.get(file).length() == 0 && !files.get(file).padding()) {
                channel(file, true);
            }
        }
        emptyFilesCreated = true;
    }

    private void writeFully(int file, long position, ByteBuffer data) throws StorageException {
        unsynced[file] = true;
        int head = direct == null ? -1 : direct.alignedHead(file, position, data);
        if (head >= 0) {
            if (options.preallocate()) {
                channel(file, true); // the zeros go in before any data does
            }
            int end = data.limit();
            data.limit(data.position() + head);
            position = writeBuffered(file, position, data);
            data.limit(end);
            position = direct.writeAligned(file, position, data);
        }
        writeBuffered(file, position, data);
    }

    /** Writes through the page cache; returns the file position after the data. */
    private long writeBuffered(int file, long position, ByteBuffer data) throws StorageException {
        if (!data.hasRemaining()) {
            return position;
        }
        FileChannel channel = channel(file, true);
        try {
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
            return position;
        } catch (IOException e) {
            throw StorageException.classify(paths[file], "write", e);
        }
    }

    private boolean readFully(int file, long position, ByteBuffer into) throws StorageException {
        FileChannel channel = openFiles.get(file, false);
        if (channel == null) {
            Optional<FileChannel> opened = folder.openForRead(paths[file]);
            if (opened.isEmpty()) {
                return false;
            }
            channel = opened.get();
            remember(file, channel, false);
        }
        try {
            while (into.hasRemaining()) {
                int read = channel.read(into, position);
                if (read < 0) {
                    return false;
                }
                position += read;
            }
            return true;
        } catch (IOException e) {
            throw StorageException.classify(paths[file], "read", e);
        }
    }

    private FileChannel channel(int file, boolean forWrite) throws StorageException {
        FileChannel channel = openFiles.get(file, forWrite);
        if (channel != null) {
            return channel;
        }
        channel = folder.openForWrite(paths[file]);
        remember(file, channel, true);
        if (options.preallocate()) {
            preallocate(file, channel);
        }
        return channel;
    }

    private void remember(int file, FileChannel channel, boolean writable) throws StorageException {
        try {
            openFiles.put(file, channel, writable);
        } catch (IOException e) {
            throw StorageException.classify(paths[file], "close", e);
        }
    }

    private void preallocate(int file, FileChannel channel) throws StorageException {
        long length = files.get(file).length();
        try {
            for (long size = channel.size(); size < length; ) {
                ByteBuffer zeros = ZEROS.duplicate();
                zeros.limit((int) Math.min(zeros.capacity(), length - size));
                size += channel.write(zeros, size);
            }
        } catch (IOException e) {
            throw StorageException.classify(paths[file], "preallocate", e);
        }
        unsynced[file] = true;
    }

    private static void fillZeros(ByteBuffer into) {
        while (into.hasRemaining()) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit(Math.min(zeros.capacity(), into.remaining()));
            into.put(zeros);
        }
    }
}
