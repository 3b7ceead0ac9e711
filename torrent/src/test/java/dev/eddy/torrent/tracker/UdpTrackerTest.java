package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
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

    @Test
    void theConnectionIdIsReusedForItsLifetimeThenRenewed() {
        inVirtualTime(() -> {
            try (var server = ScriptedUdpTracker.honest(); var tracker = new UdpTracker(server.uri(), FAST)) {
                tracker.announce(Requests.started());
                Async.sleep(Duration.ofSeconds(59));
                tracker.announce(Requests.started());
                assertEquals(1, server.count(UdpTrackerPackets.CONNECT));
                Async.sleep(Duration.ofSeconds(2));
                tracker.announce(Requests.started());
                assertEquals(2, server.count(UdpTrackerPackets.CONNECT));
                assertEquals(3, server.count(UdpTrackerPackets.ANNOUNCE));
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
    void aSilentTrackerIsUnreachableAfterTheLastAttempt() {
        inVirtualTime(() -> {
            EventLoop loop = EventLoop.current();
            try (var server = ScriptedUdpTracker.start("127.0.0.1", (request, client, s) -> { });
                 var tracker = new UdpTracker(server.uri(), FAST)) {
                long start = loop.time();
                var e = assertThrows(TrackerException.Unreachable.class, () -> tracker.announce(Requests.started()));
                assertTrue(e.getMessage().contains("no reply after 4 attempts"), e.getMessage());
                assertEquals(Duration.ofSeconds(15).toNanos(), loop.time() - start); // 1 + 2 + 4 + 8
                assertEquals(4, server.received.size());
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
