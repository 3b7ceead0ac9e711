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
 * Where a client hashes and writes the pieces it completes: on a thread of its own, or inline on
 * the loop thread.
 *
 * <p>With its own thread the loop goes on receiving while a piece is hashed and written. On one
 * thread a download costs the sum of receiving, SHA-1 and the copy into the page cache; with the
 * second, the larger of them ({@code bench/swarm.sh} measures both). The thread is started on the
 * first piece and ends after 30 s idle, so a client that only seeds keeps none. Pieces are
 * committed one at a time, in the order they completed.
 */
final class DiskThread implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;

    private final EventLoop loop;
    private final Executor executor;

    private DiskThread(EventLoop loop, Executor executor) {
        this.loop = loop;
        this.executor = executor;
    }

    /**
     * A disk thread for a client.
     *
     * @param loop the client's loop, where results are delivered
     * @param ownThread whether pieces are hashed and written on a thread of their own; if not,
     *     {@link #commit} does the work inline on the loop thread
     * @return the disk thread
     */
    static DiskThread create(EventLoop loop, boolean ownThread) {
        if (!ownThread) {
            return new DiskThread(loop, null);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("eddy-disk").factory());
        executor.allowCoreThreadTimeOut(true);
        return new DiskThread(loop, executor);
    }

    /**
     * A disk thread that runs its work on {@code executor}: for tests that hold a commit back.
     *
     * @param loop the client's loop
     * @param executor where commits run
     * @return the disk thread
     */
    static DiskThread using(EventLoop loop, Executor executor) {
        return new DiskThread(loop, Objects.requireNonNull(executor));
    }

    /**
     * Hashes a complete piece and, if it hashes right, writes it.
     *
     * @param verifier the torrent's verifier; the disk thread is its only user while the torrent runs
     * @param storage the torrent's files
     * @param piece the piece
     * @param data the piece's bytes, untouched by the caller until the future is done
     * @return whether the piece hashed right (and so was written); failed with a
     *     {@link StorageException} if the write failed. Done at once when there is no thread of its own.
     */
    Future<Boolean> commit(PieceVerifier verifier, Storage storage, int piece, ByteBuffer data) {
        if (executor == null) {
            Future<Boolean> done = loop.createFuture();
            try {
                done.setResult(hashAndWrite(verifier, storage, piece, data));
            } catch (StorageException e) {
                done.setException(e);
            }
            return done;
        }
        return loop.runInExecutor(executor, () -> hashAndWrite(verifier, storage, piece, data));
    }

    private static boolean hashAndWrite(PieceVerifier verifier, Storage storage, int piece, ByteBuffer data)
            throws StorageException {
        if (!verifier.verify(piece, data)) {
            return false;
        }
        storage.write(piece, 0, data);
        return true;
    }

    /** Lets the thread finish what was queued and end; later commits are refused. */
    @Override
    public void close() {
        if (executor instanceof ExecutorService owned) {
            owned.shutdown();
        }
    }
}
