package dev.eddy.torrent.tracker.server;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every announce a tracker answers, so a test can wait for one (an outside client's, say)
 * without polling. Use on the loop thread.
 */
public final class AnnounceRecorder {
    private final EventLoop loop;
    private final List<AnnounceSeen> seen = new ArrayList<>();
    private Predicate<AnnounceSeen> wanted;
    private Future<AnnounceSeen> waiter;

    private AnnounceRecorder(EventLoop loop) {
        this.loop = loop;
    }

    /** Starts recording {@code tracker}'s announces. */
    public static AnnounceRecorder attach(EventLoop loop, TrackerServer tracker) {
        AnnounceRecorder recorder = new AnnounceRecorder(loop);
        tracker.onAnnounce(recorder::record);
        return recorder;
    }

    private void record(AnnounceSeen announce) {
        seen.add(announce);
        if (waiter != null && !waiter.done() && wanted.test(announce)) {
            waiter.setResult(announce);
        }
    }

    /**
     * The first announce, recorded already or still to come, that {@code matching} accepts.
     * Call inside a task.
     *
     * @throws dev.eddy.loop.TimeoutException if none comes within {@code timeout}
     */
    public AnnounceSeen await(Predicate<AnnounceSeen> matching, Duration timeout) {
        for (AnnounceSeen announce : seen) {
            if (matching.test(announce)) {
                return announce;
            }
        }
        wanted = matching;
        waiter = loop.createFuture();
        return Async.waitFor(waiter, timeout);
    }

    /** Every announce so far, oldest first, for failure messages. */
    public List<AnnounceSeen> all() {
        return List.copyOf(seen);
    }
}
