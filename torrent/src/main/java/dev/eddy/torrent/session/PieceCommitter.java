package dev.eddy.torrent.session;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Commits the pieces a client completes: hashes each on the loop thread, at once, and writes the
 * ones that hash right on a thread of its own, or inline.
 *
 * <p>Why this split, measured with {@code bench/swarm.sh} on two cores: writes bypass the page
 * cache where they can ({@code StorageOptions.directWrites}), so a write waits for the disk, and
 * that wait is the one thing here that blocks; it goes to the writer thread and the loop goes on
 * receiving. Hashing is work, not waiting: on the loop thread it reads a piece that its last blocks
 * have just brought into this core's cache, and it needs no hand-over. Hashing on a third thread
 * instead cost more CPU (a 1 GiB download from libtorrent: 1.68 s against 1.51 s, median of six)
 * and, with the seeder sharing the two cores, more time (1.67 s against 1.53 s). The writer thread
 * starts with the first piece and ends after 30 s idle, so a client that only seeds keeps none;
 * pieces are written in the order they completed.
 */
final class PieceCommitter implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;

    private final EventLoop loop;
    /** Null when pieces are written inline on the loop thread. */
    private final Executor writer;

    private PieceCommitter(EventLoop loop, Executor writer) {
        this.loop = loop;
        this.writer = writer;
    }

    /**
     * A committer for a client.
     *
     * @param loop the client's loop, where pieces are hashed and results delivered
     * @param writerThread whether pieces are written on a thread of their own; if not, {@link #commit}
     *     writes them inline on the loop thread
     * @return the committer
     */
    static PieceCommitter create(EventLoop loop, boolean writerThread) {
        if (!writerThread) {
            return new PieceCommitter(loop, null);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("eddy-disk").factory());
        executor.allowCoreThreadTimeOut(true);
        return new PieceCommitter(loop, executor);
    }

    /**
     * A committer that writes on {@code writer}: for tests that hold writes back.
     *
     * @param loop the client's loop
     * @param writer where pieces that hashed right are written
     * @return the committer
     */
    static PieceCommitter using(EventLoop loop, Executor writer) {
        return new PieceCommitter(loop, Objects.requireNonNull(writer));
    }

    /**
     * Hashes a complete piece, now, and if it hashes right, writes it.
     *
     * @param verifier the torrent's verifier
     * @param storage the torrent's files
     * @param piece the piece
     * @param data the piece's bytes, untouched by the caller until the future is done
     * @return whether the piece hashed right (and so was written); failed with a
     *     {@link StorageException} if the write failed. Done at once unless a writer thread has the
     *     write.
     */
    Future<Boolean> commit(PieceVerifier verifier, Storage storage, int piece, ByteBuffer data) {
        Future<Boolean> now = loop.createFuture();
        try {
            if (!verifier.verify(piece, data)) {
                now.setResult(false);
            } else if (writer != null) {
                return loop.runInExecutor(writer, () -> write(storage, piece, data));
            } else {
                now.setResult(write(storage, piece, data));
            }
        } catch (StorageException | RuntimeException e) {
            now.setException(e); // the torrent fails with it, not the connection that brought the last block
        }
        return now;
    }

    private static boolean write(Storage storage, int piece, ByteBuffer data) throws StorageException {
        storage.write(piece, 0, data);
        return true;
    }

    /** Lets the writer thread finish what was queued and end; later writes are refused. */
    @Override
    public void close() {
        if (writer instanceof ExecutorService owned) {
            owned.shutdown();
        }
    }
}
