package dev.eddy.torrent.session;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.metainfo.Sha1;
import dev.eddy.torrent.metainfo.Sha1Hasher;
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
import java.util.function.DoubleSupplier;

/**
 * Commits the pieces a client completes: hashes each, and writes the ones that hash right on a
 * thread of its own, or inline.
 *
 * <p>Writes bypass the page cache where they can ({@code StorageOptions.directWrites}), so a write
 * waits for the disk, the one thing here that blocks; on the writer thread ({@code eddy-disk}) the
 * loop goes on receiving meanwhile.
 *
 * <p>Hashing is work, not waiting, and where it is cheapest depends on what else keeps the loop
 * busy, as {@code bench/swarm.sh} measured on two cores (1 GiB downloads, medians of four):
 * <ul>
 *   <li>From one libtorrent seeder the loop's own work is light, and a piece hashed on the loop
 *       thread at once is read from this core's cache with no hand-over: 1.37 s of CPU and 1.31 s,
 *       against 1.58 s and 1.54 s with every piece hashed on a thread of its own.</li>
 *   <li>From 50 Eddy seeders the loop's work with 50 connections is the bottleneck, and hashing
 *       there too made the download take 2.13 s against 1.71 s.</li>
 * </ul>
 * So a piece is hashed inline unless the loop, not counting its own hashing, spent more than
 * {@link #OFFLOAD_ABOVE} of the last 100 ms running ({@link EventLoop#load()}); then it goes to the
 * hashing thread ({@code eddy-hash}). That rule gave 1.35 s from one seeder and 1.72 s from 50. The
 * threads start with their first piece and end after 30 s idle, so a client that only seeds keeps
 * none.
 */
final class PieceCommitter implements AutoCloseable {
    /** The loop load, not counting its own hashing, above which pieces are hashed on the hashing thread. */
    static final double OFFLOAD_ABOVE = 0.6;
    /** How fast the record of hashing time forgets: the span {@link EventLoop#load()} measures. */
    private static final long LOAD_WINDOW_NANOS = 100_000_000L;
    private static final long IDLE_SECONDS = 30;

    private final EventLoop loop;
    /** Null when everything happens inline on the loop thread. */
    private final Executor hashing;
    private final Executor writing;
    private final DoubleSupplier load;
    /** The hashing thread's own hasher: the torrents' verifiers are the loop thread's. */
    private final Sha1Hasher offloaded = Sha1.newHasher();
    private double hashingShare;
    private long hashingShareAt;

    private PieceCommitter(EventLoop loop, Executor hashing, Executor writing, DoubleSupplier load) {
        this.loop = loop;
        this.hashing = hashing;
        this.writing = writing;
        this.load = load;
    }

    /**
     * A committer for a client.
     *
     * @param loop the client's loop, where results are delivered
     * @param ownThreads whether pieces are written, and hashed when the loop is busy, on threads of
     *     their own; if not, {@link #commit} does everything inline on the loop thread
     * @return the committer
     */
    static PieceCommitter create(EventLoop loop, boolean ownThreads) {
        if (!ownThreads) {
            return new PieceCommitter(loop, null, null, loop::load);
        }
        return new PieceCommitter(loop, thread("eddy-hash"), thread("eddy-disk"), loop::load);
    }

    /**
     * A committer whose threads are the executors given, and whose idea of the loop's load is
     * {@code load}: for tests that hold work back or make the loop look busy.
     *
     * @param loop the client's loop
     * @param hashing where pieces are hashed when the loop is busy
     * @param writing where pieces that hashed right are written
     * @param load the loop's load, as {@link EventLoop#load()} gives it
     * @return the committer
     */
    static PieceCommitter using(EventLoop loop, Executor hashing, Executor writing, DoubleSupplier load) {
        return new PieceCommitter(loop, Objects.requireNonNull(hashing), Objects.requireNonNull(writing), load);
    }

    private static ThreadPoolExecutor thread(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name(name).factory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Hashes a complete piece, inline or (with the loop busy) on the hashing thread, and if it
     * hashes right, writes it.
     *
     * @param verifier the torrent's verifier, used here on the loop thread only
     * @param storage the torrent's files
     * @param piece the piece
     * @param data the piece's bytes, untouched by the caller until the future is done
     * @return whether the piece hashed right (and so was written); failed with a
     *     {@link StorageException} if the write failed. Done at once when nothing went to a thread.
     */
    Future<Boolean> commit(PieceVerifier verifier, Storage storage, int piece, ByteBuffer data) {
        if (hashing != null && load.getAsDouble() - hashingLoad(System.nanoTime()) > OFFLOAD_ABOVE) {
            return loop.createTask("commit", () -> loop.runInExecutor(hashing,
                    () -> verifier.verify(piece, data, offloaded)).await() && write(storage, piece, data).await());
        }
        Future<Boolean> now = loop.createFuture();
        try {
            long start = System.nanoTime();
            boolean right = verifier.verify(piece, data);
            hashedInline(start, System.nanoTime());
            if (!right) {
                now.setResult(false);
            } else {
                return write(storage, piece, data);
            }
        } catch (RuntimeException e) {
            now.setException(e); // the torrent fails with it, not the connection that brought the last block
        }
        return now;
    }

    /** Counts time spent hashing on the loop thread, into a share of real time that decays over {@link #LOAD_WINDOW_NANOS}. */
    private void hashedInline(long start, long end) {
        hashingShare = hashingLoad(end) + (double) (end - start) / LOAD_WINDOW_NANOS;
        hashingShareAt = end;
    }

    /** The share of recent real time the loop spent hashing inline, decayed to {@code now}. */
    private double hashingLoad(long now) {
        return hashingShare * Math.exp(-(double) (now - hashingShareAt) / LOAD_WINDOW_NANOS);
    }

    private Future<Boolean> write(Storage storage, int piece, ByteBuffer data) {
        if (writing != null) {
            return loop.runInExecutor(writing, () -> {
                storage.write(piece, 0, data);
                return true;
            });
        }
        Future<Boolean> written = loop.createFuture();
        try {
            storage.write(piece, 0, data);
            written.setResult(true);
        } catch (StorageException e) {
            written.setException(e);
        }
        return written;
    }

    /** Lets the threads finish what was queued and end; later commits are refused. */
    @Override
    public void close() {
        for (Executor executor : new Executor[] {hashing, writing}) {
            if (executor instanceof ExecutorService owned) {
                owned.shutdown();
            }
        }
    }
}
