package dev.eddy.torrent.tracker.server;

import static dev.eddy.torrent.tracker.server.TrackerFixture.hash;
import static dev.eddy.torrent.tracker.server.TrackerFixture.peerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.CompactPeers;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Eddy's tracker over UDP (BEP 15) with a raw DatagramChannel client on loopback. */
@Timeout(60)
class TrackerServerUdpTest {
    private static final InfoHash TORRENT = hash(0x9C);

    private static UdpTestClient client(EventLoop loop, TrackerServer tracker, String host) throws IOException {
        return new UdpTestClient(loop, new InetSocketAddress(InetAddress.ofLiteral(host), tracker.udpPort()));
    }

    @Test
    void connectAnnounceAndScrapeFollowTheByteLayout() {
        TrackerFixture.run(TrackerServerOptions.loopback().withInterval(Duration.ofSeconds(900)), (loop, tracker) -> {
            try (UdpTestClient first = client(loop, tracker, "127.0.0.1");
                 UdpTestClient second = client(loop, tracker, "127.0.0.1")) {
                long id = first.connect();
                ByteBuffer reply = first.announce(id, TORRENT, peerId(1), 500, TrackerEvent.STARTED, -1, 6881);
                assertEquals(900, reply.getInt(), "interval");
                assertEquals(1, reply.getInt(), "leechers");
                assertEquals(0, reply.getInt(), "seeders");
                assertFalse(reply.hasRemaining(), "no peers but the requester");

                long otherId = second.connect();
                ByteBuffer seen = second.announce(otherId, TORRENT, peerId(2), 0, TrackerEvent.COMPLETED, 50, 6882);
                seen.position(seen.position() + 4);
                assertEquals(1, seen.getInt());
                assertEquals(1, seen.getInt());
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 6881)),
                        CompactPeers.decodeIpv4(seen));

                ByteBuffer counts = first.scrape(id, TORRENT, hash(0x01), TORRENT);
                assertEquals(36, counts.remaining(), "12 bytes per torrent asked for, in order");
                int[] expected = {1, 1, 1, 0, 0, 0, 1, 1, 1};
                for (int value : expected) {
                    assertEquals(value, counts.getInt());
                }

                first.announce(id, TORRENT, peerId(1), 500, TrackerEvent.STOPPED, -1, 6881);
                assertEquals(1, tracker.peerCount());
            }
        });
    }

    @Test
    void numwantIsHonouredAndCapped() {
        TrackerServerOptions options = TrackerServerOptions.loopback().withLimits(TrackerLimits.DEFAULTS.withNumWant(5, 8));
        TrackerFixture.run(options, (loop, tracker) -> {
            try (UdpTestClient client = client(loop, tracker, "127.0.0.1")) {
                long id = client.connect();
                for (int i = 0; i < 12; i++) {
                    client.announce(id, TORRENT, peerId(i), 1, TrackerEvent.NONE, 0, 7000 + i);
                }
                int[][] wantAndGet = {{3, 3}, {-1, 5}, {100, 8}, {0, 0}};
                for (int[] pair : wantAndGet) {
                    ByteBuffer reply = client.announce(id, TORRENT, peerId(0), 1, TrackerEvent.NONE, pair[0], 7000);
                    reply.position(reply.position() + 12);
                    List<PeerAddress> peers = CompactPeers.decodeIpv4(reply);
                    assertEquals(pair[1], peers.size());
                    assertEquals(pair[1], new HashSet<>(peers).size());
                    assertFalse(peers.contains(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 7000)));
                }
            }
        });
    }

    @Test
    void overIpv6PeersAre18Bytes() {
        TrackerFixture.run(TrackerServerOptions.loopback().withHost("::1"), (loop, tracker) -> {
            try (UdpTestClient first = client(loop, tracker, "::1");
                 UdpTestClient second = client(loop, tracker, "::1")) {
                first.announce(first.connect(), TORRENT, peerId(1), 1, TrackerEvent.STARTED, -1, 6881);
                ByteBuffer reply = second.announce(second.connect(), TORRENT, peerId(2), 1, TrackerEvent.STARTED, -1, 6882);
                reply.position(reply.position() + 12);
                assertEquals(18, reply.remaining());
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("::1"), 6881)), CompactPeers.decodeIpv6(reply));
            }
        });
    }

    @Test
    void aWrongConnectionIdGetsAnErrorAndIdsExpireAfterOneToTwoMinutesInVirtualTime() {
        TrackerFixture.runVirtual(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (UdpTestClient client = client(loop, tracker, "127.0.0.1")) {
                int transaction = UdpTestClient.nextTransaction();
                client.send(UdpTestClient.announcePacket(12345L, transaction, TORRENT, peerId(1), 1,
                        TrackerEvent.STARTED, -1, 6881));
                assertTrue(UdpTestClient.errorText(client.expect(3, transaction)).contains("connection id"));

                long id = client.connect();
                assertNotEquals(id, client.connect() + 1, "ids are not counters");
                Async.sleep(Duration.ofSeconds(59));
                client.announce(id, TORRENT, peerId(1), 1, TrackerEvent.STARTED, -1, 6881);
                Async.sleep(Duration.ofSeconds(62)); // 121 s: two epochs have begun since
                transaction = UdpTestClient.nextTransaction();
                client.send(UdpTestClient.announcePacket(id, transaction, TORRENT, peerId(1), 1, TrackerEvent.NONE, -1, 6881));
                assertTrue(UdpTestClient.errorText(client.expect(3, transaction)).contains("expired"));
            }
        });
    }

    @Test
    void idsAreBoundToTheClientsAddress() {
        TrackerFixture.run(TrackerServerOptions.loopback().withHost(null), (loop, tracker) -> {
            try (UdpTestClient v4 = client(loop, tracker, "127.0.0.1");
                 UdpTestClient v6 = client(loop, tracker, "::1")) {
                long id = v4.connect();
                int transaction = UdpTestClient.nextTransaction();
                v6.send(UdpTestClient.announcePacket(id, transaction, TORRENT, peerId(1), 1, TrackerEvent.STARTED, -1, 1));
                v6.expect(3, transaction);
            }
        });
    }

    @Test
    void badPacketsGetAnErrorOrAreDroppedAndTheTrackerCarriesOn() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (UdpTestClient client = client(loop, tracker, "127.0.0.1")) {
                long id = client.connect();
                // Dropped: too short to answer, or a connect without the magic number.
                client.send(ByteBuffer.allocate(15));
                client.send(ByteBuffer.allocate(16).putLong(42).putInt(0).putInt(7).flip());
                int marker = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(16).putLong(UdpTestClient.PROTOCOL_ID).putInt(0).putInt(marker).flip());
                client.expect(0, marker);

                // Answered with an error.
                int t = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(50).putLong(id).putInt(1).putInt(t).flip());
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("98 bytes"));
                t = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(16).putLong(id).putInt(9).putInt(t).flip());
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("unknown action"));
                t = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(16).putLong(id).putInt(2).putInt(t).flip());
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("20-byte"));
                t = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(16 + 75 * 20).putLong(id).putInt(2).putInt(t).position(16 + 75 * 20).flip());
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("at most 74"));
                t = UdpTestClient.nextTransaction();
                ByteBuffer badEvent = UdpTestClient.announcePacket(id, t, TORRENT, peerId(1), 1, TrackerEvent.NONE, -1, 1);
                badEvent.putInt(80, 7);
                client.send(badEvent);
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("event"));
                t = UdpTestClient.nextTransaction();
                ByteBuffer negativeLeft = UdpTestClient.announcePacket(id, t, TORRENT, peerId(1), 1, TrackerEvent.NONE, -1, 1);
                negativeLeft.putLong(64, -5);
                client.send(negativeLeft);
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("negative"));

                // Garbage of every length, then the tracker still answers. Yielding now and then lets
                // both sides drain their sockets, so the kernel drops nothing.
                Random random = new Random(7);
                for (int i = 0; i < 2000; i++) {
                    byte[] junk = new byte[random.nextInt(200)];
                    random.nextBytes(junk);
                    if (junk.length >= 12 && random.nextBoolean()) {
                        ByteBuffer.wrap(junk).putLong(0, id).putInt(8, random.nextInt(4));
                    }
                    client.send(ByteBuffer.wrap(junk));
                    if (i % 20 == 0) {
                        Async.sleep(Duration.ZERO);
                    }
                }
                marker = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(16).putLong(UdpTestClient.PROTOCOL_ID).putInt(0).putInt(marker).flip());
                ByteBuffer reply;
                do {
                    reply = client.receive();
                } while (reply.getInt(4) != marker);
                assertEquals(0, reply.getInt(0));
                assertEquals(0, tracker.peerCount(), "no garbage registered a peer");
            }
        });
    }

    @Test
    void theWhitelistAndTheIpFieldFromLoopback() {
        TrackerServerOptions options = TrackerServerOptions.loopback().withWhitelist(Whitelist.of(Set.of(TORRENT)));
        TrackerFixture.run(options, (loop, tracker) -> {
            try (UdpTestClient client = client(loop, tracker, "127.0.0.1")) {
                long id = client.connect();
                int t = UdpTestClient.nextTransaction();
                client.send(UdpTestClient.announcePacket(id, t, hash(0x10), peerId(1), 1, TrackerEvent.STARTED, -1, 1));
                assertTrue(UdpTestClient.errorText(client.expect(3, t)).contains("whitelist"));
                t = UdpTestClient.nextTransaction();
                client.send(ByteBuffer.allocate(36).putLong(id).putInt(2).putInt(t).put(hash(0x10).bytes()).flip());
                client.expect(3, t);

                t = UdpTestClient.nextTransaction();
                ByteBuffer fromElsewhere = UdpTestClient.announcePacket(id, t, TORRENT, peerId(1), 1, TrackerEvent.STARTED, -1, 6881);
                fromElsewhere.put(84, new byte[] {10, 9, 8, 7});
                client.send(fromElsewhere);
                client.expect(1, t);
                ByteBuffer reply = client.announce(id, TORRENT, peerId(2), 1, TrackerEvent.STARTED, -1, 6882);
                reply.position(reply.position() + 12);
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("10.9.8.7"), 6881)), CompactPeers.decodeIpv4(reply));
            }
        });
    }

    @Test
    void httpAndUdpShareTheSwarms() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (UdpTestClient udp = client(loop, tracker, "127.0.0.1");
                 HttpTestClient http = HttpTestClient.connect(tracker.httpPort())) {
                udp.announce(udp.connect(), TORRENT, peerId(1), 1, TrackerEvent.STARTED, -1, 6881);
                var reply = http.get(AnnounceQuery.of(TORRENT, peerId(2), 6882).target()).dictionary();
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 6881)),
                        TrackerReplies.compactPeers(reply));
            }
        });
    }
}
