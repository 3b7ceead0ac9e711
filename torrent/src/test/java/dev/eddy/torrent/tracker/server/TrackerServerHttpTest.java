package dev.eddy.torrent.tracker.server;

import static dev.eddy.torrent.tracker.server.TrackerFixture.hash;
import static dev.eddy.torrent.tracker.server.TrackerFixture.peerId;
import static dev.eddy.torrent.tracker.server.TrackerReplies.bytes;
import static dev.eddy.torrent.tracker.server.TrackerReplies.compactPeers;
import static dev.eddy.torrent.tracker.server.TrackerReplies.integer;
import static dev.eddy.torrent.tracker.server.TrackerReplies.scrapeReply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import dev.eddy.loop.Async;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.CompactPeers;
import dev.eddy.torrent.tracker.PeerId;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Eddy's tracker over HTTP on loopback: announce and scrape replies, keep-alive, hostile input, limits. */
@Timeout(60)
class TrackerServerHttpTest {
    private static final InfoHash TORRENT = hash(0xE5);
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    private static BEMap announce(HttpTestClient client, AnnounceQuery query) {
        HttpTestClient.Reply reply = client.get(query.target());
        assertEquals(200, reply.status(), reply::text);
        BEMap dictionary = reply.dictionary();
        assertNull(dictionary.getValue().get("failure reason"), reply::text);
        return dictionary;
    }

    @Test
    void compactAnnounceGivesTheOtherPeersAndTheCounts() {
        TrackerFixture.run(TrackerServerOptions.loopback().withInterval(Duration.ofSeconds(120)), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                BEMap first = announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881).with("event", "started"));
                assertEquals(120, integer(first, "interval"));
                assertEquals(60, integer(first, "min interval"));
                assertEquals(0, integer(first, "complete"));
                assertEquals(1, integer(first, "incomplete"));
                assertEquals(List.of(), compactPeers(first), "never the requester itself");
                assertNull(first.getValue().get("peers6"));

                BEMap second = announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882).with("left", "0")
                        .with("compact", "1"));
                assertEquals(1, integer(second, "complete"));
                assertEquals(1, integer(second, "incomplete"));
                assertEquals(List.of(new PeerAddress(LOCALHOST, 6881)), compactPeers(second));
                assertEquals(2, tracker.peerCount());
                assertEquals(1, tracker.torrentCount());
            }
        });
    }

    @Test
    void nonCompactRepliesUseTheDictionaryModelWithPeerIdsUnlessNoPeerId() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881));
                BEMap reply = announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882).with("compact", "0"));
                List<? extends BEObject<?>> peers = ((BEList) reply.getValue().get("peers")).getValue();
                assertEquals(1, peers.size());
                BEMap peer = (BEMap) peers.getFirst();
                assertEquals("127.0.0.1", new String(bytes(peer, "ip"), StandardCharsets.US_ASCII));
                assertEquals(6881, integer(peer, "port"));
                assertArrayEquals(peerId(1).bytes(), bytes(peer, "peer id"));

                BEMap anonymous = announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882).with("compact", "0")
                        .with("no_peer_id", "1"));
                BEMap entry = (BEMap) ((BEList) anonymous.getValue().get("peers")).getValue().getFirst();
                assertEquals(Set.of("ip", "port"), entry.getValue().keySet());
            }
        });
    }

    @Test
    void numwantPicksThatManyDistinctRandomPeersUpToTheCap() {
        TrackerServerOptions options = TrackerServerOptions.loopback()
                .withLimits(TrackerLimits.DEFAULTS.withNumWant(4, 6));
        TrackerFixture.run(options, (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                for (int i = 0; i < 20; i++) {
                    announce(client, AnnounceQuery.of(TORRENT, peerId(i), 7000 + i));
                }
                PeerAddress me = new PeerAddress(LOCALHOST, 7000);
                Set<PeerAddress> seen = new HashSet<>();
                for (int round = 0; round < 30; round++) {
                    List<PeerAddress> three = compactPeers(announce(client,
                            AnnounceQuery.of(TORRENT, peerId(0), 7000).with("numwant", "3")));
                    assertEquals(3, three.size());
                    assertEquals(3, new HashSet<>(three).size(), "distinct");
                    assertFalse(three.contains(me));
                    seen.addAll(three);
                }
                assertTrue(seen.size() > 10, () -> "random picks reach most of the swarm, not " + seen);
                assertEquals(4, compactPeers(announce(client, AnnounceQuery.of(TORRENT, peerId(0), 7000))).size(),
                        "the default numwant");
                assertEquals(6, compactPeers(announce(client, AnnounceQuery.of(TORRENT, peerId(0), 7000)
                        .with("numwant", "1000"))).size(), "numwant is capped");
                assertEquals(0, compactPeers(announce(client, AnnounceQuery.of(TORRENT, peerId(0), 7000)
                        .with("numwant", "0"))).size());
            }
        });
    }

    @Test
    void stoppedRemovesThePeerAndCompletedCountsEachDownloadOnce() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881).with("event", "started"));
                announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882).with("event", "started"));
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881).with("left", "0").with("event", "completed"));
                // A repeated completed from a peer already known as a seeder is not a new download.
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881).with("left", "0").with("event", "completed"));
                assertArrayEquals(scrapeReply(TORRENT, 1, 1, 1), client.get(AnnounceQuery.scrape(TORRENT)).body());

                BEMap stopped = announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882).with("event", "stopped"));
                assertEquals(List.of(), compactPeers(stopped));
                assertEquals(1, tracker.peerCount());
                assertArrayEquals(scrapeReply(TORRENT, 1, 1, 0), client.get(AnnounceQuery.scrape(TORRENT)).body());
                BEMap after = announce(client, AnnounceQuery.of(TORRENT, peerId(3), 6883));
                assertEquals(List.of(new PeerAddress(LOCALHOST, 6881)), compactPeers(after));
            }
        });
    }

    @Test
    void scrapeKeysAreRawInfoHashesInByteOrderAndUnknownTorrentsAreLeftOut() {
        InfoHash low = hash(0x01);
        InfoHash high = hash(0xFF);
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(high, peerId(1), 6881).with("left", "0"));
                announce(client, AnnounceQuery.of(low, peerId(1), 6881));
                HttpTestClient.Reply reply = client.get(AnnounceQuery.scrape(high, hash(0x42), low));
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.writeBytes("d5:filesd20:".getBytes(StandardCharsets.US_ASCII));
                expected.writeBytes(low.bytes());
                expected.writeBytes("d8:completei0e10:downloadedi0e10:incompletei1ee20:".getBytes(StandardCharsets.US_ASCII));
                expected.writeBytes(high.bytes());
                expected.writeBytes("d8:completei1e10:downloadedi0e10:incompletei0eeee".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals(expected.toByteArray(), reply.body(), reply::text);
                assertTrue(client.get("/scrape").failure().contains("full scrape"));
            }
        });
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnectionIncludingPipelinedOnes() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                String one = "GET " + AnnounceQuery.of(TORRENT, peerId(1), 6881).target() + " HTTP/1.1\r\nHost: t\r\n\r\n";
                String two = "GET " + AnnounceQuery.scrape(TORRENT) + " HTTP/1.1\r\nHost: t\r\n\r\n";
                client.send(one + two + one.substring(0, 30));
                assertEquals(200, client.read().status());
                assertArrayEquals(scrapeReply(TORRENT, 0, 0, 1), client.read().body());
                client.send(one.substring(30));
                assertEquals(200, client.read().status());
                assertEquals(1, tracker.httpConnectionCount());
                client.send("GET " + AnnounceQuery.scrape(TORRENT) + " HTTP/1.1\r\nConnection: close\r\n\r\n");
                HttpTestClient.Reply last = client.read();
                assertEquals("close", last.headers().get("connection"));
                assertTrue(client.closedByServer());
            }
            try (HttpTestClient old = HttpTestClient.connect(tracker.httpPort())) {
                old.send("GET " + AnnounceQuery.scrape(TORRENT) + " HTTP/1.0\r\n\r\n");
                assertEquals(200, old.read().status());
                assertTrue(old.closedByServer(), "HTTP/1.0 without keep-alive closes");
            }
            try (HttpTestClient old = HttpTestClient.connect(tracker.httpPort())) {
                old.send("GET " + AnnounceQuery.scrape(TORRENT) + " HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
                assertEquals("keep-alive", old.read().headers().get("connection"));
                assertEquals(200, old.get(AnnounceQuery.scrape(TORRENT)).status(), "still open");
            }
        });
    }

    @Test
    void badAnnouncesGetAFailureReasonAndTheConnectionCarriesOn() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("info_hash=%ZZ", "bad query string"),
                Map.entry("info_hash=%E", "bad query string"),
                Map.entry("info_hash=\u00e9", "bad query string"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("info_hash", null).target().substring(10), "missing 'info_hash'"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("info_hash", "short").target().substring(10), "20 bytes"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("peer_id", "x").target().substring(10), "'peer_id'"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("port", "70000").target().substring(10), "'port'"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("port", null).target().substring(10), "missing 'port'"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("left", "-1").target().substring(10), "'left'"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("left", "lots").target().substring(10), "not a number"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("numwant", "99999999999").target().substring(10), "'numwant'"),
                Map.entry(AnnounceQuery.of(TORRENT, peerId(1), 1).with("event", "exploded").target().substring(10), "unknown announce event"),
                Map.entry("", "missing"));
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                for (Map.Entry<String, String> bad : cases.entrySet()) {
                    HttpTestClient.Reply reply = client.get("/announce?" + bad.getKey());
                    assertEquals(200, reply.status());
                    String reason = reply.failure();
                    assertTrue(reason.contains(bad.getValue()), () -> bad.getKey() + " gave " + reason);
                }
                assertEquals(0, tracker.peerCount());
                assertTrue(client.get("/scrape?info_hash=abc").failure().contains("20 bytes"));
                assertEquals(1, tracker.httpConnectionCount());
            }
        });
    }

    @Test
    void requestsThatAreNotTrackerRequestsGetAnHttpErrorAndTheClose() {
        Map<String, Integer> cases = Map.of(
                "GET /nowhere HTTP/1.1\r\n\r\n", 404,
                "POST /announce HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405,
                "GET /announce HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 400,
                "GET /announce HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                "HELLO\r\n\r\n", 400,
                "GET /announce HTTP/2.0\r\n\r\n", 400,
                "GET /announce HTTP/1.1\r\nno colon here\r\n\r\n", 400,
                "GET /announce HTTP/1.1\r\n" + "X-Filler: " + "a".repeat(9000) + "\r\n\r\n", 431,
                "GET /" + "a".repeat(10_000), 431);
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            for (Map.Entry<String, Integer> bad : cases.entrySet()) {
                try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                    client.send(bad.getKey());
                    HttpTestClient.Reply reply = client.read();
                    assertEquals(bad.getValue(), reply.status(), () -> bad.getKey().substring(0, 20));
                    assertFalse(reply.failure().isEmpty());
                    assertTrue(client.closedByServer());
                }
            }
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                assertEquals(200, client.get(AnnounceQuery.scrape(TORRENT)).status(), "the tracker still serves");
            }
        });
    }

    @Test
    void anAbsoluteTargetAndBareLineFeedsAreAccepted() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                client.send("GET http://tracker:6969" + AnnounceQuery.of(TORRENT, peerId(1), 6881).target()
                        + " HTTP/1.1\nHost: tracker\n\n");
                assertEquals(1, integer(client.read().dictionary(), "incomplete"));
            }
        });
    }

    @Test
    void theIpParameterCountsFromLoopbackAndIpv6PeersComeAsPeers6() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881).with("ip", "10.1.2.3"));
                announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882).with("ip", "fd00%3A%3A7"));
                announce(client, AnnounceQuery.of(TORRENT, peerId(3), 6883).with("ip", "not.a.literal"));
                BEMap reply = announce(client, AnnounceQuery.of(TORRENT, peerId(4), 6884));
                assertEquals(Set.of(new PeerAddress(InetAddress.ofLiteral("10.1.2.3"), 6881),
                        new PeerAddress(LOCALHOST, 6883)), new HashSet<>(compactPeers(reply)));
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("fd00::7"), 6882)),
                        CompactPeers.decodeIpv6(ByteBuffer.wrap(bytes(reply, "peers6"))));
            }
        });
    }

    @Test
    void overIpv6ThePeerIsTheConnectionsIpv6Address() {
        TrackerFixture.run(TrackerServerOptions.loopback().withHost("::1"), (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect("::1", tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881));
                BEMap reply = announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882));
                assertEquals(0, bytes(reply, "peers").length);
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("::1"), 6881)),
                        CompactPeers.decodeIpv6(ByteBuffer.wrap(bytes(reply, "peers6"))));
            }
        });
    }

    @Test
    void aWhitelistRefusesOtherTorrents() {
        TrackerServerOptions options = TrackerServerOptions.loopback().withWhitelist(Whitelist.of(Set.of(TORRENT)));
        TrackerFixture.run(options, (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881));
                InfoHash other = hash(0x33);
                assertTrue(client.get(AnnounceQuery.of(other, peerId(1), 6881).target()).failure()
                        .contains("not on this tracker's whitelist"));
                assertTrue(client.get(AnnounceQuery.scrape(TORRENT, other)).failure().contains(other.hex()));
                assertEquals(1, tracker.torrentCount());
            }
        });
    }

    @Test
    void capsOnTorrentsAndPeersHold() {
        TrackerServerOptions options = TrackerServerOptions.loopback()
                .withLimits(TrackerLimits.DEFAULTS.withSwarmCaps(2, 3, 5));
        TrackerFixture.run(options, (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                for (int i = 0; i < 4; i++) {
                    BEMap reply = announce(client, AnnounceQuery.of(hash(1), peerId(i), 7000 + i));
                    assertEquals(i < 3, reply.getValue().get("warning message") == null);
                }
                assertEquals(3, tracker.peerCount());
                BEMap turnedAway = announce(client, AnnounceQuery.of(hash(1), peerId(9), 7009));
                assertEquals(3, compactPeers(turnedAway).size(), "a peer turned away still gets peers");
                announce(client, AnnounceQuery.of(hash(1), peerId(0), 7000)); // a known peer re-announces freely
                for (int i = 0; i < 3; i++) {
                    BEMap reply = announce(client, AnnounceQuery.of(hash(2), peerId(i), 7000 + i));
                    assertEquals(i < 2, reply.getValue().get("warning message") == null, "5 peers in all");
                }
                assertEquals(5, tracker.peerCount());
                assertTrue(client.get(AnnounceQuery.of(hash(3), peerId(1), 7001).target()).failure().contains("full"));
                assertEquals(2, tracker.torrentCount());
            }
        });
    }

    @Test
    void connectionsBeyondTheCapAreClosedOnArrival() {
        TrackerServerOptions options = TrackerServerOptions.loopback()
                .withLimits(TrackerLimits.DEFAULTS.withHttp(2, 8192, Duration.ofSeconds(30)));
        TrackerFixture.run(options, (loop, tracker) -> {
            try (HttpTestClient a = HttpTestClient.connect(tracker.httpPort());
                 HttpTestClient b = HttpTestClient.connect(tracker.httpPort())) {
                assertEquals(200, a.get(AnnounceQuery.scrape(TORRENT)).status());
                assertEquals(200, b.get(AnnounceQuery.scrape(TORRENT)).status());
                try (HttpTestClient c = HttpTestClient.connect(tracker.httpPort())) {
                    assertTrue(c.closedByServer());
                }
                assertEquals(2, tracker.httpConnectionCount());
            }
        });
    }

    @Test
    void idleAndTrickleClientsAreCutOffAfterTheIdleTimeoutInVirtualTime() {
        TrackerServerOptions options = TrackerServerOptions.loopback()
                .withLimits(TrackerLimits.DEFAULTS.withHttp(100, 8192, Duration.ofSeconds(30)));
        TrackerFixture.runVirtual(options, (loop, tracker) -> {
            long start = loop.time();
            try (HttpTestClient idle = HttpTestClient.connect(tracker.httpPort())) {
                assertTrue(idle.closedByServer());
                assertTrue(loop.time() - start >= Duration.ofSeconds(30).toNanos());
            }
            try (HttpTestClient trickle = HttpTestClient.connect(tracker.httpPort())) {
                long connected = loop.time();
                assertEquals(200, trickle.get(AnnounceQuery.scrape(TORRENT)).status());
                Async.sleep(Duration.ofSeconds(20));
                trickle.send("GET /scr");
                Async.sleep(Duration.ofSeconds(20)); // a request still incomplete 40 s after the last answered one
                assertTrue(trickle.closedByServer());
                long closedAfter = loop.time() - connected;
                assertTrue(closedAfter >= Duration.ofSeconds(30).toNanos() && closedAfter <= Duration.ofSeconds(41).toNanos(),
                        () -> "closed after " + closedAfter + " ns");
            }
            assertEquals(0, tracker.httpConnectionCount());
        });
    }

    @Test
    void manyClientsAtOnce() {
        TrackerFixture.run(TrackerServerOptions.loopback(), (loop, tracker) -> {
            int clients = 300;
            List<dev.eddy.loop.Task<Integer>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int n = i;
                tasks.add(loop.createTask(() -> {
                    try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                        int peers = 0;
                        for (int round = 0; round < 3; round++) {
                            peers = compactPeers(announce(client, AnnounceQuery.of(TORRENT, peerId(n), 10_000 + n)
                                    .with("numwant", "10"))).size();
                        }
                        return peers;
                    }
                }));
            }
            for (var task : tasks) {
                assertTrue(task.await() <= 10);
            }
            assertEquals(clients, tracker.peerCount());
        });
    }

    @Test
    void peersExpireAfterTwiceTheIntervalInVirtualTime() {
        TrackerServerOptions options = TrackerServerOptions.loopback().withInterval(Duration.ofSeconds(100));
        TrackerFixture.runVirtual(options, (loop, tracker) -> {
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881));
            }
            Async.sleep(Duration.ofSeconds(150));
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                BEMap reply = announce(client, AnnounceQuery.of(TORRENT, peerId(2), 6882));
                assertEquals(List.of(new PeerAddress(LOCALHOST, 6881)), compactPeers(reply), "alive at 1.5 intervals");
            }
            Async.sleep(Duration.ofSeconds(101)); // 251 s: past 2 intervals plus the half-interval sweep
            assertEquals(1, tracker.peerCount(), "the first peer expired, the second has not");
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                assertArrayEquals(scrapeReply(TORRENT, 0, 0, 1), client.get(AnnounceQuery.scrape(TORRENT)).body());
            }
            Async.sleep(Duration.ofSeconds(200));
            assertEquals(0, tracker.peerCount());
            assertEquals(0, tracker.torrentCount(), "an empty torrent is forgotten");
        });
    }

    @Test
    void theAnnounceListenerHearsServedAndRefusedAnnouncesAndCannotBreakThem() {
        TrackerServerOptions options = TrackerServerOptions.loopback().withWhitelist(Whitelist.of(Set.of(TORRENT)));
        TrackerFixture.run(options, (loop, tracker) -> {
            List<AnnounceSeen> heard = new java.util.ArrayList<>();
            loop.setDiagnosticHandler(diagnostic -> { });
            tracker.onAnnounce(seen -> {
                heard.add(seen);
                throw new IllegalStateException("a broken listener");
            });
            try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
                announce(client, AnnounceQuery.of(TORRENT, peerId(1), 6881).with("event", "started"));
                client.get(AnnounceQuery.of(hash(0x01), peerId(1), 6881).target()).failure();
            }
            assertEquals(2, heard.size());
            assertEquals(new AnnounceSeen(TORRENT, new PeerAddress(LOCALHOST, 6881), peerId(1),
                    dev.eddy.torrent.tracker.TrackerEvent.STARTED, 1000, null), heard.get(0));
            assertTrue(heard.get(1).refusal().contains("whitelist"));
            assertEquals(1, tracker.peerCount());
        });
    }
}
