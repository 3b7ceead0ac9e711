package dev.eddy.torrent.tracker.server;

import static dev.eddy.torrent.tracker.server.TrackerFixture.hash;
import static dev.eddy.torrent.tracker.server.TrackerFixture.peerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.AnnounceRequest;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The swarm bookkeeping on its own, with explicit times. */
class SwarmsTest {
    private static final InetAddress HOST = InetAddress.ofLiteral("192.0.2.1");
    private static final long SECOND = 1_000_000_000L;

    private static AnnounceRequest request(InfoHash hash, int n, long left, TrackerEvent event, int numWant) {
        return new AnnounceRequest(hash, peerId(n), 1000 + n, 0, 0, left, event, numWant, 0, null);
    }

    private static AnnounceResult served(Outcome<AnnounceResult> outcome) {
        assertInstanceOf(Outcome.Served.class, outcome);
        return ((Outcome.Served<AnnounceResult>) outcome).value();
    }

    @Test
    void randomSamplesAreDistinctExcludeTheRequesterAndCoverTheSwarmEvenly() {
        Swarm swarm = new Swarm();
        for (int i = 0; i < 50; i++) {
            swarm.put(new SwarmPeer(new PeerAddress(HOST, i), peerId(i), i % 2 == 0, 0));
        }
        PeerAddress me = new PeerAddress(HOST, 7);
        Map<PeerAddress, Integer> hits = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int round = 0; round < 4900; round++) {
            List<SwarmPeer> picked = swarm.sample(10, me, random);
            assertEquals(10, picked.size());
            Set<PeerAddress> distinct = new HashSet<>();
            for (SwarmPeer peer : picked) {
                assertTrue(distinct.add(peer.address()));
                hits.merge(peer.address(), 1, Integer::sum);
            }
            assertFalse(distinct.contains(me));
        }
        assertEquals(49, hits.size());
        // 4900 × 10 picks over 49 peers: 1000 each on average.
        hits.values().forEach(count -> assertTrue(count > 800 && count < 1200, () -> "uneven: " + hits));
        assertEquals(49, swarm.sample(100, me, random).size());
        assertEquals(25, swarm.seeders());
        assertEquals(25, swarm.leechers());
    }

    @Test
    void removalKeepsTheIndexAndCountsRight() {
        Swarm swarm = new Swarm();
        for (int i = 0; i < 5; i++) {
            swarm.put(new SwarmPeer(new PeerAddress(HOST, i), peerId(i), i == 0, i * SECOND));
        }
        assertTrue(swarm.remove(new PeerAddress(HOST, 0)));
        assertFalse(swarm.remove(new PeerAddress(HOST, 0)));
        assertEquals(0, swarm.seeders());
        swarm.put(new SwarmPeer(new PeerAddress(HOST, 4), peerId(4), true, 9 * SECOND)); // replaces, moved into slot 0
        assertEquals(4, swarm.size());
        assertEquals(1, swarm.seeders());
        assertEquals(2, swarm.expire(3 * SECOND), "peers 1 and 2 were last seen before 3 s");
        assertEquals(Set.of(3, 4), Set.copyOf(swarm.sample(10, new PeerAddress(HOST, 99), new SplittableRandom())
                .stream().map(peer -> peer.address().port()).toList()));
    }

    @Test
    void expiryDropsPeersAfterTheirLifetimeAndEmptyTorrents() {
        Swarms swarms = new Swarms(Whitelist.ANY, TrackerLimits.DEFAULTS, Duration.ofSeconds(20), new SplittableRandom());
        swarms.announce(request(hash(1), 1, 5, TrackerEvent.STARTED, -1), HOST, 0);
        swarms.announce(request(hash(1), 2, 5, TrackerEvent.STARTED, -1), HOST, 10 * SECOND);
        swarms.announce(request(hash(2), 3, 0, TrackerEvent.STARTED, -1), HOST, 10 * SECOND);
        assertEquals(0, swarms.expire(20 * SECOND), "exactly one lifetime is not past it");
        assertEquals(1, swarms.expire(20 * SECOND + 1));
        assertEquals(2, swarms.peerCount());
        assertEquals(2, swarms.expire(31 * SECOND));
        assertEquals(0, swarms.torrentCount());
        assertEquals(0, swarms.peerCount());
    }

    @Test
    void aStoppedAnnounceForAnUnknownTorrentCreatesNothing() {
        Swarms swarms = new Swarms(Whitelist.ANY, TrackerLimits.DEFAULTS, Duration.ofSeconds(20), new SplittableRandom());
        AnnounceResult result = served(swarms.announce(request(hash(1), 1, 5, TrackerEvent.STOPPED, -1), HOST, 0));
        assertEquals(List.of(), result.peers());
        assertEquals(0, swarms.torrentCount());
        assertEquals(Map.of(), ((Outcome.Served<Map<InfoHash, ScrapeStats>>) swarms.scrape(List.of(hash(1)))).value());
    }

    @Test
    void completedCountsOnlyATransitionToSeeder() {
        Swarms swarms = new Swarms(Whitelist.ANY, TrackerLimits.DEFAULTS, Duration.ofSeconds(20), new SplittableRandom());
        swarms.announce(request(hash(1), 1, 5, TrackerEvent.STARTED, -1), HOST, 0);
        swarms.announce(request(hash(1), 1, 0, TrackerEvent.COMPLETED, -1), HOST, 0);
        swarms.announce(request(hash(1), 1, 0, TrackerEvent.COMPLETED, -1), HOST, 0);
        swarms.announce(request(hash(1), 2, 0, TrackerEvent.COMPLETED, -1), HOST, 0); // new, finished elsewhere
        var counts = ((Outcome.Served<Map<InfoHash, ScrapeStats>>) swarms.scrape(List.of(hash(1)))).value();
        assertEquals(new ScrapeStats(2, 2, 0), counts.get(hash(1)));
    }
}
