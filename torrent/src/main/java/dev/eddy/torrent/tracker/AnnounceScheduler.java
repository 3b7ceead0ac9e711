package dev.eddy.torrent.tracker;

import dev.eddy.loop.Async;
import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.WaitMode;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Announces one torrent to its trackers for as long as it runs, in the BEP 12 way: tiers in order,
 * each tier shuffled, the first tracker that answers promoted to the front of its tier. The
 * lifecycle: {@code started} first (to each tracker before anything else it is sent), regular
 * announces on the tracker's interval, {@code completed} once when the download finishes,
 * {@code stopped} at shutdown within a short limit. A tracker that fails is left alone for an
 * exponentially growing, jittered while, and the next one in order is tried at once, so one bad
 * tracker never stalls the torrent. Peers go to a callback as they arrive.
 *
 * <p>Runs as a task on the loop that {@link #start()} is called on; every method is for that
 * loop's thread.
 */
public final class AnnounceScheduler {
    private static final System.Logger LOG = System.getLogger(AnnounceScheduler.class.getName());

    private final InfoHash infoHash;
    private final ClientIdentity identity;
    private final Supplier<TransferTotals> totals;
    private final Consumer<List<PeerAddress>> peers;
    private final AnnouncePolicy policy;
    private final RandomGenerator random;
    private final TrackerTiers<Tracker> tiers;
    private final Map<Tracker, Slot> slots = new IdentityHashMap<>();
    private EventLoop loop;
    private Task<Void> task;
    private Future<Void> wakeUp;
    private boolean completedAsked;
    private boolean completedPending;
    private boolean announceNow;
    private boolean peersWanted;
    private boolean stopped;
    private long regularAt;
    private long lastSuccessAt = Long.MIN_VALUE;
    private Duration lastMinGap = Duration.ZERO;

    /** What the scheduler knows about one tracker. */
    private static final class Slot {
        boolean started;
        boolean working;
        int failures;
        long retryAt;
        String lastError;
        String warning;
        String trackerId;
        int seeders = -1;
        int leechers = -1;
        int peers;
    }

    /**
     * A scheduler for the torrent {@code infoHash} over {@code tiers} of trackers, which it owns
     * and closes when it stops.
     *
     * @param totals the byte counts to report, asked for at each announce
     * @param peers receives the peers of every successful announce
     * @param random shuffles the tiers and jitters the backoff
     */
    public AnnounceScheduler(InfoHash infoHash, List<? extends List<? extends Tracker>> tiers, ClientIdentity identity,
            Supplier<TransferTotals> totals, Consumer<List<PeerAddress>> peers, AnnouncePolicy policy,
            RandomGenerator random) {
        this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.totals = Objects.requireNonNull(totals, "totals");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
        this.tiers = new TrackerTiers<>(tiers, random);
        for (Tracker tracker : this.tiers.inOrder()) {
            slots.put(tracker, new Slot());
        }
    }

    /**
     * Starts announcing, with {@code started}, on the current loop.
     *
     * @throws IllegalStateException if already started
     */
    public void start() {
        if (task != null) {
            throw new IllegalStateException("the scheduler has already started");
        }
        loop = EventLoop.current();
        regularAt = loop.time();
        task = loop.createTask("announce " + infoHash, this::run);
    }

    /** The download has finished: {@code completed} goes out at once, once. */
    public void completed() {
        if (!completedAsked && !stopped) {
            completedAsked = true;
            completedPending = true;
            announceNow = true;
            wake();
        }
    }

    /**
     * Asks for more peers: announces as soon as the tracker's {@code min interval} (or the
     * policy's shortest interval) since the last announce allows, instead of waiting for the
     * regular interval.
     */
    public void requestPeers() {
        if (!peersWanted && !stopped) {
            peersWanted = true;
            wake();
        }
    }

    /**
     * Stops: ends the announce task, sends {@code stopped} to every tracker that was sent
     * {@code started}, all at once and for at most {@link AnnouncePolicy#stopTimeout()}, and closes
     * the trackers. Suspends the calling task for that long at most.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (task != null && !task.done()) {
            task.cancel("stopping");
            Async.wait(List.of(task), WaitMode.ALL_COMPLETED, null);
            if (!task.cancelled()) {
                task.exception(); // retrieved, so a failed announce task is not reported as unhandled
            }
        }
        List<Task<AnnounceResponse>> goodbyes = new ArrayList<>();
        for (Tracker tracker : tiers.inOrder()) {
            if (slots.get(tracker).started) {
                AnnounceRequest request = request(tracker, TrackerEvent.STOPPED);
                goodbyes.add(loop.createTask("stopped " + tracker.uri(), () -> tracker.announce(request)));
            }
        }
        try {
            if (!goodbyes.isEmpty()) {
                Async.wait(goodbyes, WaitMode.ALL_COMPLETED, policy.stopTimeout());
            }
        } finally {
            for (Task<AnnounceResponse> goodbye : goodbyes) {
                if (goodbye.done() && !goodbye.cancelled()) {
                    goodbye.exception();
                } else {
                    goodbye.cancel("shutting down");
                }
            }
            tiers.inOrder().forEach(Tracker::close);
        }
    }

    /** Each tracker's state, in the order they would be tried now. */
    public List<TrackerStatus> status() {
        List<TrackerStatus> result = new ArrayList<>();
        for (Tracker tracker : tiers.inOrder()) {
            Slot s = slots.get(tracker);
            result.add(new TrackerStatus(tracker.uri(), tiers.tierOf(tracker), s.working, s.lastError, s.warning,
                    s.failures, s.retryAt, s.seeders, s.leechers, s.peers));
        }
        return result;
    }

    /** The loop time (nanoseconds) of the next announce, as planned now; {@link Long#MAX_VALUE} once stopped. */
    public long nextAnnounceAt() {
        return stopped || loop == null ? Long.MAX_VALUE : nextAt(loop.time());
    }

    private void wake() {
        Future<Void> w = wakeUp;
        if (w != null && !w.done()) {
            w.setResult(null);
        }
    }

    private void run() {
        while (true) {
            long now = loop.time();
            long next = nextAt(now);
            if (next - now > 0) {
                Future<Void> w = loop.createFuture();
                wakeUp = w;
                Async.wait(List.of(w), WaitMode.FIRST_COMPLETED, Duration.ofNanos(next - now));
                wakeUp = null;
                continue;
            }
            announceOnce();
        }
    }

    private long nextAt(long now) {
        if (announceNow) {
            return now;
        }
        long next = regularAt;
        if (peersWanted) {
            long allowed = lastSuccessAt == Long.MIN_VALUE ? now : lastSuccessAt + lastMinGap.toNanos();
            next = next - allowed < 0 ? next : allowed;
        }
        return next;
    }

    /** One round: the trackers in order, skipping those backing off, until one answers. */
    private void announceOnce() {
        peersWanted = false;
        announceNow = false;
        long now = loop.time();
        long earliestRetry = Long.MAX_VALUE;
        for (Tracker tracker : tiers.inOrder()) {
            Slot slot = slots.get(tracker);
            if (slot.retryAt - now > 0) {
                earliestRetry = Math.min(earliestRetry, slot.retryAt);
                continue;
            }
            TrackerEvent event = !slot.started ? TrackerEvent.STARTED
                    : completedPending ? TrackerEvent.COMPLETED : TrackerEvent.NONE;
            // completed() may be called while this announce is in flight; only a request built after
            // it reported the finished download.
            boolean sentAsFinished = completedPending;
            AnnounceResponse response;
            try {
                response = tracker.announce(request(tracker, event));
            } catch (CancelledException cancelled) {
                throw cancelled;
            } catch (RuntimeException failure) {
                // TrackerException by contract; anything else is a bug in one tracker, which must
                // not end announcing to the others.
                slot.failures++;
                slot.working = false;
                slot.lastError = failure.getMessage();
                slot.retryAt = loop.time() + policy.backoff(slot.failures, random).toNanos();
                earliestRetry = Math.min(earliestRetry, slot.retryAt);
                LOG.log(System.Logger.Level.DEBUG, failure.getMessage());
                continue;
            }
            succeeded(tracker, slot, event, sentAsFinished, response);
            return;
        }
        // Every tracker failed or is backing off: try again when the first one may be retried.
        regularAt = earliestRetry == Long.MAX_VALUE ? loop.time() + policy.firstBackoff().toNanos() : earliestRetry;
    }

    private void succeeded(Tracker tracker, Slot slot, TrackerEvent event, boolean sentAsFinished,
            AnnounceResponse response) {
        long now = loop.time();
        slot.started = true;
        slot.working = true;
        slot.failures = 0;
        slot.retryAt = 0;
        slot.lastError = null;
        slot.warning = response.warning();
        if (response.trackerId() != null) {
            slot.trackerId = response.trackerId();
        }
        slot.seeders = response.seeders();
        slot.leechers = response.leechers();
        slot.peers = response.peers().size();
        if (sentAsFinished && (event == TrackerEvent.COMPLETED || event == TrackerEvent.STARTED)) {
            completedPending = false; // a tracker that first hears from us as a seeder needs no completed
        }
        tiers.promote(tracker);
        lastSuccessAt = now;
        lastMinGap = response.minInterval() != null && response.minInterval().compareTo(policy.shortestInterval()) > 0
                ? response.minInterval() : policy.shortestInterval();
        regularAt = now + policy.interval(response).toNanos();
        peers.accept(response.peers());
    }

    private AnnounceRequest request(Tracker tracker, TrackerEvent event) {
        TransferTotals now = totals.get();
        return new AnnounceRequest(infoHash, identity.peerId(), identity.port(), now.uploaded(), now.downloaded(),
                now.left(), event, event == TrackerEvent.STOPPED ? 0 : policy.numWant(), identity.key(),
                slots.get(tracker).trackerId);
    }
}
