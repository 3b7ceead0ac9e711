package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Outcome;
import dev.eddy.loop.Task;
import dev.eddy.loop.VirtualClock;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UdpTrackerTest {
    private static final TrackerOptions FAST = TrackerOptions.DEFAULTS.withUdpSchedule(Duration.ofSeconds(1), 4);

    /**
     * For tests whose point is the retransmission schedule or the connection id's lifetime. Time
     * jumps whenever the loop has nothing ready, so these rely on a loopback datagram being in the
     * receiver's buffer by the next poll; tests that need no timing run on the real clock instead,
     * where a late datagram costs a moment, not a retransmission.
     */
    private static <T> T inVirtualTime(dev.eddy.loop.Coroutine<T> body) {
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            return loop.runUntilComplete(body);
        } finally {
            loop.close();
        }
    }

    @Test
    void connectsThenAnnouncesWithTheSpecsLayout() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.honest(); var tracker = new UdpTracker(server.uri(), FAST)) {
                AnnounceResponse reply = tracker.announce(Requests.started());
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 6881)), reply.peers());
                assertEquals(Duration.ofSeconds(1800), reply.interval());
                assertEquals(4, reply.leechers());
                assertEquals(5, reply.seeders());

                ByteBuffer connect = ByteBuffer.wrap(server.received.get(0).bytes());
                assertEquals(16, connect.remaining());
                assertEquals(UdpTrackerPackets.PROTOCOL_ID, connect.getLong());
                ByteBuffer announce = ByteBuffer.wrap(server.received.get(1).bytes());
                assertEquals(98, announce.remaining());
                assertEquals(ScriptedUdpTracker.CONNECTION_ID, announce.getLong());
                assertEquals(1, announce.getInt());
                announce.getInt();
                byte[] hash = new byte[20];
                announce.get(hash);
                assertArrayEquals(Requests.HASH.bytes(), hash);
                byte[] peerId = new byte[20];
                announce.get(peerId);
                assertArrayEquals(Requests.PEER_ID.bytes(), peerId);
                assertEquals(0, announce.getLong()); // downloaded
                assertEquals(1000, announce.getLong()); // left
                assertEquals(0, announce.getLong()); // uploaded
                assertEquals(TrackerEvent.STARTED.udpCode(), announce.getInt());
                assertEquals(0, announce.getInt()); // ip
                assertEquals(0x1234abcd, announce.getInt()); // key
                assertEquals(50, announce.getInt()); // numwant
                assertEquals(6881, Short.toUnsignedInt(announce.getShort()));
            }
            return null;
        });
    }

    /** Starts {@code count} announces through {@code tracker} at once, each in a task of its own. */
    private static List<Task<AnnounceResponse>> concurrentAnnounces(UdpTracker tracker, int count) {
        List<Task<AnnounceResponse>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(EventLoop.current().createTask("announce " + i, () -> tracker.announce(Requests.started())));
        }
        return tasks;
    }

    /** Awaits {@code tasks} and checks that each failed with a {@code type} whose message has {@code part}. */
    private static void assertEveryOneFailed(List<? extends Task<?>> tasks, Class<? extends TrackerException> type,
                                             String part) {
        for (var outcome : Async.gatherOutcomes(tasks).await()) {
            var failure = assertInstanceOf(type, assertInstanceOf(Outcome.Failure.class, outcome).exception());
            assertTrue(failure.getMessage().contains(part), failure.getMessage());
        }
    }

    @Test
    void concurrentRequestsShareOneConnect() {
        inVirtualTime(() -> {
            try (var server = ScriptedUdpTracker.late(Duration.ofMillis(500));
                 var tracker = new UdpTracker(server.uri(), FAST)) {
                List<Task<AnnounceResponse>> announces = concurrentAnnounces(tracker, 5);
                Task<Map<InfoHash, ScrapeStats>> scrape =
                        EventLoop.current().createTask(() -> tracker.scrape(List.of(Requests.HASH)));
                for (AnnounceResponse reply : Async.gather(announces).await()) {
                    assertEquals(1, reply.peers().size());
                }
                assertEquals(new ScrapeStats(1, 2, 3), scrape.await().get(Requests.HASH));
                assertEquals(1, server.count(UdpTrackerPackets.CONNECT));
                assertEquals(5, server.count(UdpTrackerPackets.ANNOUNCE));
                assertTrue(server.received.stream().skip(1).allMatch(r -> r.connection() == ScriptedUdpTracker.CONNECTION_ID));

                Async.sleep(Duration.ofSeconds(60)); // the id has expired: the next crowd shares one new connect
                Async.gather(concurrentAnnounces(tracker, 3)).await();
                assertEquals(2, server.count(UdpTrackerPackets.CONNECT));
                assertEquals(8, server.count(UdpTrackerPackets.ANNOUNCE));
            }
            return null;
        });
    }

    @Test
    void aSilentTrackerFailsEveryWaiterOfTheSharedConnectAfterItsLastAttempt() {
        inVirtualTime(() -> {
            EventLoop loop = EventLoop.current();
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> { });
                 var tracker = new UdpTracker(server.uri(), FAST)) {
                long start = loop.time();
                assertEveryOneFailed(concurrentAnnounces(tracker, 4), TrackerException.Unreachable.class,
                        "no reply after 4 attempts");
                assertEquals(Duration.ofSeconds(15).toNanos(), loop.time() - start); // 1 + 2 + 4 + 8
                assertEquals(4, server.received.size()); // one connect's four sends, nothing else
                assertEquals(4, server.count(UdpTrackerPackets.CONNECT));
            }
            return null;
        });
    }

    @Test
    void anErrorReplyToTheSharedConnectRejectsEveryWaiterAndTheNextRequestConnectsAfresh() {
        EventLoop.run(() -> {
            boolean[] refuse = {true};
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> {
                if (refuse[0]) {
                    s.send(client, ByteBuffer.allocate(8 + 8).putInt(UdpTrackerPackets.ERROR).putInt(request.getInt(12))
                            .put("go away\n".getBytes(StandardCharsets.US_ASCII)).flip());
                } else {
                    ScriptedUdpTracker.answer(request, client, s);
                }
            }); var tracker = new UdpTracker(server.uri(), FAST)) {
                assertEveryOneFailed(concurrentAnnounces(tracker, 3), TrackerException.Rejected.class, "refused: go away");
                assertEquals(1, server.received.size());
                refuse[0] = false;
                assertEquals(1, tracker.announce(Requests.started()).peers().size());
                assertEquals(2, server.count(UdpTrackerPackets.CONNECT));
            }
            return null;
        });
    }

    @Test
    void aConnectReplyWithAnotherKnownActionIsMalformedForEveryWaiter() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) ->
                    s.send(client, ByteBuffer.allocate(20).putInt(UdpTrackerPackets.ANNOUNCE).putInt(request.getInt(12))
                            .putInt(1800).putInt(0).putInt(0).flip()));
                 var tracker = new UdpTracker(server.uri(), FAST)) {
                assertEveryOneFailed(concurrentAnnounces(tracker, 2), TrackerException.Malformed.class,
                        "action 1 in reply to action 0");
                assertEquals(1, server.received.size());
            }
            return null;
        });
    }

    @Test
    void aCancelledWaiterLeavesTheSharedConnectToTheOthers() {
        inVirtualTime(() -> {
            try (var server = ScriptedUdpTracker.late(Duration.ofMillis(500));
                 var tracker = new UdpTracker(server.uri(), FAST)) {
                List<Task<AnnounceResponse>> announces = concurrentAnnounces(tracker, 3);
                Async.sleep(Duration.ofMillis(100)); // all three now await the connect the first one started
                assertEquals(1, server.count(UdpTrackerPackets.CONNECT));
                assertTrue(announces.getFirst().cancel());
                for (Task<AnnounceResponse> waiter : announces.subList(1, 3)) {
                    assertEquals(1, waiter.await().peers().size());
                }
                assertTrue(announces.getFirst().cancelled());
                assertEquals(1, server.count(UdpTrackerPackets.CONNECT));
                assertEquals(2, server.count(UdpTrackerPackets.ANNOUNCE));
            }
            return null;
        });
    }

    @Test
    void theConnectionIdExpiresSixtySecondsAfterItCame() {
        inVirtualTime(() -> {
            try (var server = ScriptedUdpTracker.honest(); var tracker = new UdpTracker(server.uri(), FAST)) {
                tracker.announce(Requests.started()); // the id comes at time 0
                Async.sleep(Duration.ofSeconds(60).minusNanos(1));
                tracker.announce(Requests.started());
                assertEquals(1, server.count(UdpTrackerPackets.CONNECT));
                Async.sleep(Duration.ofNanos(1));
                tracker.announce(Requests.started());
                assertEquals(2, server.count(UdpTrackerPackets.CONNECT));
                assertEquals(Duration.ofSeconds(60).toNanos(), server.received.get(3).at());
            }
            return null;
        });
    }

    @Test
    void aRetransmissionAfterTheIdExpiredGoesOutWithAFreshOne() {
        inVirtualTime(() -> {
            long[] connects = {0};
            int[] announces = {0};
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> {
                switch (request.getInt(8)) {
                    case UdpTrackerPackets.CONNECT -> s.send(client, ByteBuffer.allocate(16).putInt(0)
                            .putInt(request.getInt(12)).putLong(++connects[0]).flip());
                    case UdpTrackerPackets.ANNOUNCE -> {
                        if (announces[0]++ == 0 || request.getLong(0) != 1) { // lose every later send on id 1
                            ScriptedUdpTracker.answer(request, client, s);
                        }
                    }
                    default -> { }
                }
            }); var tracker = new UdpTracker(server.uri(), FAST)) {
                tracker.announce(Requests.started());
                Async.sleep(Duration.ofSeconds(55));
                tracker.announce(Requests.started()); // sent at 55, 56, 58 on id 1; at 62 id 1 has expired
                List<String> seen = new ArrayList<>();
                server.received.forEach(r -> seen.add(r.action() + "@" + r.at() / 1_000_000_000L
                        + (r.action() == UdpTrackerPackets.CONNECT ? "" : " id " + r.connection())));
                assertEquals(List.of("0@0", "1@0 id 1", "1@55 id 1", "1@56 id 1", "1@58 id 1", "0@62", "1@62 id 2"), seen);
                assertEquals(1, server.received.stream().skip(2).filter(r -> r.action() == UdpTrackerPackets.ANNOUNCE)
                        .map(ScriptedUdpTracker.Received::transaction).distinct().count());
            }
            return null;
        });
    }

    @Test
    void retransmitsOnTheDoublingSchedule() {
        inVirtualTime(() -> {
            int[] dropped = {0};
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> {
                if (dropped[0]++ >= 3) {
                    ScriptedUdpTracker.answer(request, client, s);
                }
            }); var tracker = new UdpTracker(server.uri(), FAST)) {
                tracker.announce(Requests.started());
                List<Long> arrivals = new ArrayList<>();
                server.received.forEach(r -> arrivals.add(r.at() / 1_000_000_000L));
                assertEquals(List.of(0L, 1L, 3L, 7L, 7L), arrivals); // connect ×4 at 0, 1, 1+2, 1+2+4 s, then announce
            }
            return null;
        });
    }

    @Test
    void anErrorActionIsRejectedWithTheTrackersMessage() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> {
                int transaction = request.getInt(12);
                s.send(client, ByteBuffer.allocate(8 + 13).putInt(3).putInt(transaction)
                        .put("not allowed\n\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 12).put((byte) ' ').flip());
            }); var tracker = new UdpTracker(server.uri(), FAST)) {
                var e = assertThrows(TrackerException.Rejected.class, () -> tracker.announce(Requests.started()));
                assertTrue(e.getMessage().endsWith("refused: not allowed"), e.getMessage());
            }
            return null;
        });
    }

    @Test
    void anErrorReplyDropsTheConnectionIdSoTheNextAnnounceConnectsAfresh() {
        EventLoop.run(() -> {
            boolean[] refuse = {true};
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> {
                if (request.getInt(8) == UdpTrackerPackets.ANNOUNCE && refuse[0]) {
                    refuse[0] = false;
                    s.send(client, ByteBuffer.allocate(8 + 7).putInt(3).putInt(request.getInt(12))
                            .put("expired".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).flip());
                } else {
                    ScriptedUdpTracker.answer(request, client, s);
                }
            }); var tracker = new UdpTracker(server.uri(), FAST)) {
                assertThrows(TrackerException.Rejected.class, () -> tracker.announce(Requests.started()));
                assertEquals(1, tracker.announce(Requests.started()).peers().size());
                assertEquals(2, server.count(UdpTrackerPackets.CONNECT));
            }
            return null;
        });
    }

    @Test
    void garbageAndMismatchedTransactionIdsAreIgnored() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> {
                int transaction = request.getInt(12);
                s.send(client, ByteBuffer.wrap(new byte[] {1, 2, 3}));
                s.send(client, ByteBuffer.allocate(16).putInt(0).putInt(transaction + 1).putLong(7).flip());
                s.send(client, ByteBuffer.allocate(12).putInt(0).putInt(transaction).putInt(5).flip()); // too short
                s.send(client, ByteBuffer.allocate(12).putInt(1).putInt(transaction).putInt(5).flip()); // too short
                s.send(client, ByteBuffer.allocate(12).putInt(99).putInt(transaction).putInt(5).flip()); // unknown action
                s.send(client, ByteBuffer.allocate(64).putInt(0x7fffffff).flip());
                ScriptedUdpTracker.answer(request, client, s);
            }); var tracker = new UdpTracker(server.uri(), FAST)) {
                assertEquals(1, tracker.announce(Requests.started()).peers().size());
                assertEquals(2, server.received.size()); // no retransmission was needed
            }
            return null;
        });
    }

    @Test
    void repliesOverIpv6CarryEighteenBytePeers() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.start("::1", ScriptedUdpTracker::answer);
                 var tracker = new UdpTracker(server.uri(), FAST)) {
                byte[] v6 = new byte[36];
                v6[15] = 1;
                v6[17] = 80;
                v6[18] = 0x20;
                v6[19] = 0x01;
                v6[35] = 1;
                server.peers = v6;
                List<PeerAddress> peers = tracker.announce(Requests.started()).peers();
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("::1"), 80),
                        new PeerAddress(InetAddress.ofLiteral("2001::"), 1)), peers);
                server.peers = new byte[20];
                assertThrows(TrackerException.Malformed.class, () -> tracker.announce(Requests.started()));
            }
            return null;
        });
    }

    @Test
    void aPeerListOfTheWrongLengthIsMalformedAndTheTrackerKeepsWorking() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.honest(); var tracker = new UdpTracker(server.uri(), FAST)) {
                server.peers = new byte[7];
                var e = assertThrows(TrackerException.Malformed.class, () -> tracker.announce(Requests.started()));
                assertTrue(e.getMessage().contains("6-byte entries"), e.getMessage());
                server.peers = new byte[] {10, 0, 0, 1, 0, 0};
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("10.0.0.1"), 0)),
                        tracker.announce(Requests.started()).peers());
            }
            return null;
        });
    }

    @Test
    void scrapesInBatchesOfAtMost74() {
        EventLoop.run(() -> {
            try (var server = ScriptedUdpTracker.honest(); var tracker = new UdpTracker(server.uri(), FAST)) {
                List<InfoHash> hashes = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    byte[] bytes = new byte[20];
                    bytes[0] = (byte) i;
                    hashes.add(new InfoHash(bytes));
                }
                Map<InfoHash, ScrapeStats> stats = tracker.scrape(hashes);
                assertEquals(80, stats.size());
                assertEquals(new ScrapeStats(1, 2, 3), stats.get(hashes.get(79)));
                assertEquals(2, server.count(UdpTrackerPackets.SCRAPE));
            }
            return null;
        });
    }

    @Test
    void aClosedPortIsUnreachableWithoutWaitingOutTheSchedule() {
        EventLoop.run(() -> {
            java.net.URI uri;
            try (var server = ScriptedUdpTracker.honest()) {
                uri = server.uri();
            }
            try (var tracker = new UdpTracker(uri, TrackerOptions.DEFAULTS)) {
                assertThrows(TrackerException.Unreachable.class, () -> tracker.announce(Requests.started()));
            }
        });
    }
}
