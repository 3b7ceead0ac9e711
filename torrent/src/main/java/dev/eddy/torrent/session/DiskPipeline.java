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
 * Where a client hashes and writes the pieces it completes: on two threads of its own, or inline
 * on the loop thread.
 *
 * <p>With threads of its own the loop goes on receiving while pieces are hashed and written, and
 * the two are a pipeline: one thread ({@code eddy-hash}) hashes a piece while the other
 * ({@code eddy-disk}) writes the one before it. Writes bypass the page cache where they can (see
 * {@code StorageOptions.directWrites}), so a write takes as long as the disk does; on one thread
 * that wait came on top of every hash, and with 1 MiB pieces the pair capped a download near
 * 650 MiB/s on the benchmark machine while the loop waited for piece buffers. On the loop thread
 * alone a download costs the sum of receiving, hashing and writing ({@code bench/swarm.sh}
 * measures both ways). The threads start with the first piece and end after 30 s idle, so a client
 * that only seeds keeps none. Each stage takes pieces in the order they completed.
 */
final class DiskPipeline implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;

    private final EventLoop loop;
    /** Null when pieces are committed inline on the loop thread. */
    private final Executor hashing;
    private final Executor writing;

    private DiskPipeline(EventLoop loop, Executor hashing, Executor writing) {
        this.loop = loop;
        this.hashing = hashing;
        this.writing = writing;
    }

    /**
     * A pipeline for a client.
     *
     * @param loop the client's loop, where results are delivered
     * @param ownThreads whether pieces are hashed and written on threads of their own; if not,
     *     {@link #commit} does the work inline on the loop thread
     * @return the pipeline
     */
    static DiskPipeline create(EventLoop loop, boolean ownThreads) {
        if (!ownThreads) {
            return new DiskPipeline(loop, null, null);
        }
        return new DiskPipeline(loop, stage("eddy-hash"), stage("eddy-disk"));
    }

    /**
     * A pipeline that runs its stages on the executors given: for tests that hold work back.
     *
     * @param loop the client's loop
     * @param hashing where pieces are hashed
     * @param writing where pieces that hashed right are written
     * @return the pipeline
     */
    static DiskPipeline using(EventLoop loop, Executor hashing, Executor writing) {
        return new DiskPipeline(loop, Objects.requireNonNull(hashing), Objects.requireNonNull(writing));
    }

    private static ThreadPoolExecutor stage(String threadName) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name(threadName).factory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Hashes a complete piece and, if it hashes right, writes it.
     *
     * @param verifier the torrent's verifier; the hashing stage is its only user while the torrent runs
     * @param storage the torrent's files
     * @param piece the piece
     * @param data the piece's bytes, untouched by the caller until the future is done
     * @return whether the piece hashed right (and so was written); failed with a
     *     {@link StorageException} if the write failed. Done at once when there are no threads of its own.
     */
    Future<Boolean> commit(PieceVerifier verifier, Storage storage, int piece, ByteBuffer data) {
        if (hashing == null) {
            Future<Boolean> done = loop.createFuture();
            try {
                done.setResult(verifier.verify(piece, data) && write(storage, piece, data));
            } catch (StorageException e) {
                done.setException(e);
            }
            return done;
        }
        return loop.createTask("commit", () -> loop.runInExecutor(hashing, () -> verifier.verify(piece, data)).await()
                && loop.runInExecutor(writing, () -> write(storage, piece, data)).await());
    }

    private static boolean write(Storage storage, int piece, ByteBuffer data) throws StorageException {
        storage.write(piece, 0, data);
        return true;
    }

    /** Lets the threads finish what was queued and end; later commits are refused. */
    @Override
    public void close() {
        if (hashing instanceof ExecutorService owned) {
            owned.shutdown();
        }
        if (writing instanceof ExecutorService owned) {
            owned.shutdown();
        }
    }
}
