package dev.eddy.torrent.session;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.storage.Storage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Syncs a downloading torrent's files in the background every {@link #STEP} bytes written, so that
 * the sync a stop must do before it saves the resume file finds little left: a 1 GiB download
 * otherwise leaves its whole gigabyte dirty in the page cache, and the stop then waits for all of
 * it (about half a second here, measured with {@code bench/swarm.sh}).
 *
 * <p>It only writes data back early. The storage still counts the files as unsynced, so the stop's
 * sync, and so what the resume file vouches for, never depends on it; a failed early sync is only
 * logged, since the stop's sync of the same file will report it properly.
 */
final class EarlyWriteback {
    /** Enough that a sync costs little per byte, little enough that the stop finds little to do. */
    static final long STEP = 64L << 20;
    private static final Logger LOG = System.getLogger(EarlyWriteback.class.getName());

    private final EventLoop loop;
    private final Storage storage;
    private long sinceLast;
    private Future<Void> running;

    EarlyWriteback(EventLoop loop, Storage storage) {
        this.loop = loop;
        this.storage = storage;
    }

    /**
     * Counts bytes just written; once {@link #STEP} have gathered and no early sync is running,
     * starts one in the loop's executor.
     *
     * @param bytes how many
     */
    void written(long bytes) {
        sinceLast += bytes;
        if (sinceLast < STEP || running != null && !running.done()) {
            return;
        }
        sinceLast = 0;
        List<Integer> files = storage.writtenSinceSync();
        running = loop.runInExecutor(() -> {
            storage.syncSeparately(files);
            return null;
        });
        running.addDoneCallback(done -> {
            if (!done.cancelled() && done.exception() != null) {
                LOG.log(Level.DEBUG, () -> "early sync failed; the stop's sync will tell: " + done.exception().getMessage());
            }
        });
    }

    /** {@return the early sync running now, if any; for tests} */
    Future<Void> running() {
        return running;
    }
}
