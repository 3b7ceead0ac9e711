package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.VirtualClock;
import dev.eddy.loop.VoidCoroutine;
import dev.eddy.torrent.peer.PeerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnnounceSchedulerTest {
    private static final ClientIdentity IDENTITY = new ClientIdentity(Requests.PEER_ID, 77, 6881);
    private static final AnnouncePolicy NO_JITTER = new AnnouncePolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofSeconds(15), Duration.ofMinutes(30), 0, Duration.ofSeconds(5), 50);
    private static final Duration HALF_HOUR = Duration.ofSeconds(1800);

    private final List<List<PeerAddress>> delivered = new ArrayList<>();
    private long left = 1000;

    private AnnounceScheduler scheduler(List<List<FakeTracker>> tiers, int seed) {
        return new AnnounceScheduler(Requests.HASH, tiers, IDENTITY, () -> new TransferTotals(0, 1000 - left, left),
                delivered::add, NO_JITTER, new Random(seed));
    }

    private static void inVirtualTime(VoidCoroutine body) {
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            loop.runUntilComplete(loop.createTask(body));
        } finally {
            loop.close();
        }
    }

    private static void sleepUntil(long seconds) {
        long now = EventLoop.current().time();
        Async.sleep(Duration.ofNanos(Duration.ofSeconds(seconds).toNanos() - now));
    }

    @Test
    void startedThenRegularThenCompletedOnceThenStopped() {
        FakeTracker tracker = FakeTracker.answering("a", HALF_HOUR, 1);
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(tracker)), 0);
            s.start();
            sleepUntil(4000);
            left = 0;
            s.completed();
            sleepUntil(4001);
            s.completed();
            sleepUntil(6000);
            s.stop();
        });
        assertEquals(List.of(TrackerEvent.STARTED, TrackerEvent.NONE, TrackerEvent.NONE, TrackerEvent.COMPLETED,
                TrackerEvent.NONE, TrackerEvent.STOPPED), tracker.events());
        assertEquals(List.of(0L, 1800L, 3600L, 4000L, 5800L, 6000L), tracker.seconds());
        assertTrue(tracker.calls.stream().allMatch(c -> c.request().peerId().equals(Requests.PEER_ID) && c.request().key() == 77));
        assertEquals(0, tracker.calls.get(3).request().left());
        assertEquals(5, delivered.size());
        assertTrue(tracker.closed);
    }

    @Test
    void aDownloadThatFinishesWhileStartedIsInFlightStillSendsCompleted() {
        FakeTracker tracker = FakeTracker.answering("a", HALF_HOUR, 1);
        inVirtualTime(() -> {
            Future<AnnounceResponse> startedReply = EventLoop.current().createFuture();
            tracker.behaviour = request -> request.event() == TrackerEvent.STARTED
                    ? startedReply.await() : FakeTracker.reply(HALF_HOUR, null, 1);
            AnnounceScheduler s = scheduler(List.of(List.of(tracker)), 0);
            s.start();
            sleepUntil(1); // started is out, its reply not yet in
            left = 0;
            s.completed();
            startedReply.setResult(FakeTracker.reply(HALF_HOUR, null, 1));
            sleepUntil(2);
            s.stop();
        });
        assertEquals(List.of(TrackerEvent.STARTED, TrackerEvent.COMPLETED, TrackerEvent.STOPPED), tracker.events());
        assertEquals(1000, tracker.calls.get(0).request().left());
        assertEquals(0, tracker.calls.get(1).request().left());
    }

    @Test
    void stopIsBoundedWhenATrackerHangs() {
        FakeTracker tracker = FakeTracker.answering("a", HALF_HOUR, 1);
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(tracker)), 0);
            s.start();
            sleepUntil(10);
            tracker.behaviour = request -> EventLoop.current().<AnnounceResponse>createFuture().await();
            long before = EventLoop.current().time();
            s.stop();
            assertEquals(Duration.ofSeconds(5).toNanos(), EventLoop.current().time() - before);
        });
        assertEquals(List.of(TrackerEvent.STARTED, TrackerEvent.STOPPED), tracker.events());
    }

    @Test
    void requestPeersWaitsForMinInterval() {
        FakeTracker tracker = new FakeTracker("a", request -> FakeTracker.reply(HALF_HOUR, Duration.ofSeconds(300), 1));
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(tracker)), 0);
            s.start();
            sleepUntil(10);
            s.requestPeers();
            assertEquals(Duration.ofSeconds(300).toNanos(), s.nextAnnounceAt());
            sleepUntil(1000);
            s.requestPeers();
            sleepUntil(1001);
            s.stop();
        });
        assertEquals(List.of(0L, 300L, 1000L, 1001L), tracker.seconds());
    }

    @Test
    void triesTheNextTrackerInTheTierAndPromotesTheOneThatAnswers() {
        FakeTracker down = FakeTracker.failing("down");
        FakeTracker up = FakeTracker.answering("up", HALF_HOUR, 2);
        int seed = 0;
        while (!scheduler(List.of(List.of(down, up)), seed).status().getFirst().uri().equals(down.uri())) {
            seed++;
        }
        int downFirst = seed;
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(down, up)), downFirst);
            s.start();
            sleepUntil(1);
            assertEquals(up.uri(), s.status().getFirst().uri());
            TrackerStatus failed = s.status().get(1);
            assertFalse(failed.working());
            assertEquals(1, failed.failures());
            assertTrue(failed.lastError().contains("down"), failed.lastError());
            sleepUntil(4000);
            s.stop();
        });
        assertEquals(List.of(0L), down.seconds(), "once promoted, the answering tracker goes first");
        assertEquals(List.of(TrackerEvent.STARTED, TrackerEvent.NONE, TrackerEvent.NONE, TrackerEvent.STOPPED), up.events());
        assertEquals(1, down.events().size(), "no stopped for a tracker that never heard started");
    }

    @Test
    void aFailingFirstTierIsRetriedAfterItsBackoffWhileTheSecondTierKeepsGoing() {
        FakeTracker first = FakeTracker.failing("first");
        FakeTracker second = FakeTracker.answering("second", Duration.ofSeconds(100), 3);
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(first), List.of(second)), 0);
            s.start();
            sleepUntil(550);
            s.stop();
        });
        // first backs off 15, 30, 60, 120 s after failures at 0, 100, 200, 300: retried at 500
        assertEquals(List.of(0L, 100L, 200L, 300L, 500L), first.seconds());
        assertTrue(first.events().stream().allMatch(e -> e == TrackerEvent.STARTED));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 550L), second.seconds());
        assertEquals(6, delivered.size());
    }

    @Test
    void whenEveryTrackerFailsItBacksOffExponentiallyUpToTheCeiling() {
        FakeTracker only = FakeTracker.failing("only");
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(only)), 0);
            s.start();
            sleepUntil(10_000);
            TrackerStatus status = s.status().getFirst();
            assertEquals(only.calls.size(), status.failures());
            s.stop();
        });
        assertEquals(List.of(0L, 15L, 45L, 105L, 225L, 465L, 945L, 1905L, 3705L, 5505L, 7305L, 9105L), only.seconds());
    }

    @Test
    void aTrackerThatThrowsSomethingUnexpectedDoesNotStopTheOthers() {
        FakeTracker broken = new FakeTracker("broken", request -> {
            throw new IllegalStateException("a bug");
        });
        FakeTracker good = FakeTracker.answering("good", HALF_HOUR, 4);
        inVirtualTime(() -> {
            AnnounceScheduler s = scheduler(List.of(List.of(broken), List.of(good)), 0);
            s.start();
            sleepUntil(2000);
            s.stop();
        });
        assertEquals(2, good.calls.size() - 1);
        assertEquals(List.of(List.of(new PeerAddress(java.net.InetAddress.ofLiteral("10.0.0.4"), 6881))), delivered.subList(0, 1));
    }

    @Test
    void hostileRealTrackersDoNotStopAGoodOne() {
        List<List<PeerAddress>> got = new ArrayList<>();
        EventLoop.run(() -> {
            TrackerOptions options = TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofMillis(200))
                    .withUdpSchedule(Duration.ofMillis(50), 2);
            try (var garbage = ScriptedHttpServer.start(ScriptedHttpServer.ok(HttpTrackerTest.ascii("d5:peers3:abce")));
                 var silent = ScriptedUdpTracker.start("127.0.0.1", (request, client, server) -> { });
                 var good = ScriptedUdpTracker.honest()) {
                Future<Void> first = EventLoop.current().createFuture();
                var s = new AnnounceScheduler(Requests.HASH,
                        List.of(List.of(new HttpTracker(garbage.uri("/announce"), options), new UdpTracker(silent.uri(), options)),
                                List.of(new UdpTracker(good.uri(), options))),
                        IDENTITY, () -> new TransferTotals(0, 0, 1), peers -> {
                            got.add(peers);
                            first.setResult(null);
                        }, AnnouncePolicy.DEFAULTS, new Random(1));
                s.start();
                first.await();
                List<TrackerStatus> status = s.status();
                s.stop();
                assertEquals(1, status.stream().filter(TrackerStatus::working).count());
                assertTrue(status.stream().anyMatch(t -> t.lastError() != null && t.lastError().contains("malformed")), status.toString());
                assertTrue(status.stream().anyMatch(t -> t.lastError() != null && t.lastError().contains("no reply")), status.toString());
            }
        });
        assertEquals(List.of(List.of(new PeerAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), 6881))), got);
    }
}
