package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.interop.OpenTracker;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Eddy's tracker clients against a real opentracker on 127.0.0.1: HTTP and UDP announce and
 * scrape, two clients seeing each other through it, and the scheduler's lifecycle as the tracker
 * counts it. Each test uses torrents of its own, so the swarms do not mix.
 */
@Tag("interop")
class OpenTrackerInteropTest {
    private static final InfoHash HTTP_SWARM = InfoHash.fromHex("1111111111111111111111111111111111111111");
    private static final InfoHash UDP_SWARM = InfoHash.fromHex("2222222222222222222222222222222222222222");
    private static final InfoHash MIXED_SWARM = Requests.HASH; // bytes that need percent-encoding
    private static final InfoHash HTTP_LIFECYCLE_SWARM = InfoHash.fromHex("4444444444444444444444444444444444444444");
    private static final InfoHash UDP_LIFECYCLE_SWARM = InfoHash.fromHex("6666666666666666666666666666666666666666");
    private static final List<InfoHash> UDP_CONCURRENT_SWARMS = List.of(
            InfoHash.fromHex("7777777777777777777777777777777777777777"),
            InfoHash.fromHex("8888888888888888888888888888888888888888"),
            InfoHash.fromHex("9999999999999999999999999999999999999999"));
    private static final InfoHash NOT_LISTED = InfoHash.fromHex("5555555555555555555555555555555555555555");
    private static final TrackerOptions OPTIONS = TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofSeconds(5))
            .withUdpSchedule(Duration.ofSeconds(1), 3);

    private static OpenTracker opentracker;

    @BeforeAll
    static void startOpentracker() throws IOException {
        List<InfoHash> listed = new ArrayList<>(List.of(HTTP_SWARM, UDP_SWARM, MIXED_SWARM,
                HTTP_LIFECYCLE_SWARM, UDP_LIFECYCLE_SWARM));
        listed.addAll(UDP_CONCURRENT_SWARMS);
        opentracker = OpenTracker.start(listed);
    }

    @AfterAll
    static void stopOpentracker() throws IOException {
        if (opentracker != null) {
            opentracker.close();
        }
    }

    private static AnnounceRequest announce(InfoHash swarm, ClientIdentity client, long left, TrackerEvent event) {
        return new AnnounceRequest(swarm, client.peerId(), client.port(), 0, 0, left, event, 50, client.key(), null);
    }

    private static PeerAddress local(int port) {
        return new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), port);
    }

    /** Two clients join {@code swarm}, one through each tracker; each sees the other; scrape counts both. */
    private static void twoClientsSeeEachOther(InfoHash swarm, URI firstUri, URI secondUri) {
        ClientIdentity seeder = ClientIdentity.generate(7001);
        ClientIdentity leecher = ClientIdentity.generate(7002);
        EventLoop.run(() -> {
            try (Tracker first = Trackers.open(firstUri.toString(), OPTIONS);
                 Tracker second = Trackers.open(secondUri.toString(), OPTIONS)) {
                first.announce(announce(swarm, seeder, 0, TrackerEvent.STARTED));
                AnnounceResponse seen = second.announce(announce(swarm, leecher, 1000, TrackerEvent.STARTED));
                assertTrue(seen.peers().contains(local(7001)), seen.peers().toString());
                assertTrue(seen.interval().toSeconds() > 0);
                AnnounceResponse back = first.announce(announce(swarm, seeder, 0, TrackerEvent.NONE));
                assertTrue(back.peers().contains(local(7002)), back.peers().toString());
                assertEquals(1, back.seeders());
                assertEquals(1, back.leechers());

                for (Tracker tracker : List.of(first, second)) {
                    Map<InfoHash, ScrapeStats> stats = tracker.scrape(List.of(swarm));
                    assertEquals(1, stats.get(swarm).seeders(), tracker + " " + stats);
                    assertEquals(1, stats.get(swarm).leechers(), tracker + " " + stats);
                }
                first.announce(announce(swarm, seeder, 0, TrackerEvent.STOPPED));
                second.announce(announce(swarm, leecher, 1000, TrackerEvent.STOPPED));
                assertEquals(new ScrapeStats(0, 0, 0), first.scrape(List.of(swarm)).get(swarm));
            }
        });
    }

    @Test
    void twoClientsOverHttp() {
        twoClientsSeeEachOther(HTTP_SWARM, opentracker.httpAnnounce(), opentracker.httpAnnounce());
    }

    @Test
    void twoClientsOverUdp() {
        twoClientsSeeEachOther(UDP_SWARM, opentracker.udpAnnounce(), opentracker.udpAnnounce());
    }

    @Test
    void oneClientOverHttpAndOneOverUdpShareTheSwarm() {
        twoClientsSeeEachOther(MIXED_SWARM, opentracker.httpAnnounce(), opentracker.udpAnnounce());
    }

    /** Announces for several torrents at once through one UDP tracker: they share its connect. */
    @Test
    void concurrentUdpAnnouncesForSeveralTorrents() {
        ClientIdentity client = ClientIdentity.generate(7005);
        EventLoop.run(() -> {
            try (Tracker udp = Trackers.open(opentracker.udpAnnounce().toString(), OPTIONS)) {
                var announces = UDP_CONCURRENT_SWARMS.stream().map(swarm -> EventLoop.current().createTask(
                        () -> udp.announce(announce(swarm, client, 1000, TrackerEvent.STARTED)))).toList();
                for (AnnounceResponse reply : Async.gather(announces).await()) {
                    assertTrue(reply.interval().toSeconds() > 0);
                }
                Map<InfoHash, ScrapeStats> stats = udp.scrape(UDP_CONCURRENT_SWARMS);
                for (InfoHash swarm : UDP_CONCURRENT_SWARMS) {
                    assertEquals(new ScrapeStats(0, 0, 1), stats.get(swarm), swarm.toString());
                }
            }
        });
    }

    @Test
    void aTorrentOffTheWhitelistIsRejectedOverHttp() {
        EventLoop.run(() -> {
            try (Tracker http = Trackers.open(opentracker.httpAnnounce().toString(), OPTIONS)) {
                var e = assertThrows(TrackerException.Rejected.class,
                        () -> http.announce(announce(NOT_LISTED, ClientIdentity.generate(7003), 1, TrackerEvent.STARTED)));
                assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
            }
        });
    }

    @Test
    void theSchedulersLifecycleOverHttpAsTheTrackerCountsIt() {
        lifecycle(opentracker.httpAnnounce(), HTTP_LIFECYCLE_SWARM);
    }

    @Test
    void theSchedulersLifecycleOverUdpAsTheTrackerCountsIt() {
        lifecycle(opentracker.udpAnnounce(), UDP_LIFECYCLE_SWARM);
    }

    /** started as a leecher, completed once, stopped: the tracker's counts follow each step. */
    private static void lifecycle(URI uri, InfoHash swarm) {
        EventLoop.run(() -> {
            long[] left = {1000};
            var peersSeen = new ArrayList<List<PeerAddress>>();
            var scheduler = new AnnounceScheduler(swarm, List.of(List.of(Trackers.open(uri.toString(), OPTIONS))),
                    ClientIdentity.generate(7004), () -> new TransferTotals(0, 1000 - left[0], left[0]), peersSeen::add,
                    AnnouncePolicy.DEFAULTS, new Random());
            try (Tracker observer = Trackers.open(opentracker.udpAnnounce().toString(), OPTIONS)) {
                scheduler.start();
                assertEquals(new ScrapeStats(0, 0, 1), awaitStats(observer, swarm, new ScrapeStats(0, 0, 1)),
                        scheduler.status().toString());
                left[0] = 0;
                scheduler.completed();
                assertEquals(new ScrapeStats(1, 1, 0), awaitStats(observer, swarm, new ScrapeStats(1, 1, 0)),
                        scheduler.status().toString());
                scheduler.stop();
                assertEquals(new ScrapeStats(0, 1, 0), observer.scrape(List.of(swarm)).get(swarm));
                assertTrue(scheduler.status().getFirst().working(), scheduler.status().toString());
                assertEquals(2, peersSeen.size());
            }
        });
    }

    /** Scrapes until the counts are {@code expected} (the scheduler announces in its own task), for at most 5 s. */
    private static ScrapeStats awaitStats(Tracker observer, InfoHash swarm, ScrapeStats expected) {
        ScrapeStats stats = null;
        long deadline = EventLoop.current().deadline(Duration.ofSeconds(5));
        while (EventLoop.current().time() - deadline < 0) {
            stats = observer.scrape(List.of(swarm)).get(swarm);
            if (expected.equals(stats)) {
                return stats;
            }
            Async.sleep(Duration.ofMillis(10));
        }
        return stats;
    }
}
