package dev.eddy.torrent.tracker.server;

import static dev.eddy.torrent.tracker.server.TrackerFixture.hash;
import static dev.eddy.torrent.tracker.server.TrackerFixture.peerId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.AnnounceRequest;
import dev.eddy.torrent.tracker.AnnounceResponse;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.Tracker;
import dev.eddy.torrent.tracker.TrackerEvent;
import dev.eddy.torrent.tracker.TrackerOptions;
import dev.eddy.torrent.tracker.Trackers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Eddy's own tracker clients (HTTP and UDP) against Eddy's tracker: two peers see each other. */
@Timeout(60)
class EddyClientsTest {
    private static final InfoHash TORRENT = hash(0xAB);

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http", "udp"})
    void twoEddyClientsSeeEachOtherThroughEddysTracker(String scheme) {
        TrackerFixture.run(TrackerServerOptions.loopback().withInterval(Duration.ofSeconds(300)), (loop, tracker) -> {
            int port = scheme.equals("http") ? tracker.httpPort() : tracker.udpPort();
            String url = scheme + "://127.0.0.1:" + port + "/announce";
            try (Tracker first = Trackers.open(url, TrackerOptions.DEFAULTS);
                 Tracker second = Trackers.open(url, TrackerOptions.DEFAULTS)) {
                AnnounceResponse alone = first.announce(
                        new AnnounceRequest(TORRENT, peerId(1), 6881, 0, 0, 0, TrackerEvent.STARTED, -1, 1, null));
                assertEquals(Duration.ofSeconds(300), alone.interval());
                assertEquals(List.of(), alone.peers());
                AnnounceRequest leecher =
                        new AnnounceRequest(TORRENT, peerId(2), 6882, 0, 0, 500, TrackerEvent.STARTED, 10, 2, null);
                AnnounceResponse seen = second.announce(leecher);
                assertEquals(List.of(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 6881)), seen.peers());
                assertEquals(1, seen.seeders());
                assertEquals(1, seen.leechers());
                assertEquals(Map.of(TORRENT, new ScrapeStats(1, 0, 1)), second.scrape(List.of(TORRENT)));

                first.announce(new AnnounceRequest(TORRENT, peerId(1), 6881, 0, 0, 0, TrackerEvent.STOPPED, -1, 1, null));
                assertEquals(List.of(), second.announce(leecher.withEvent(TrackerEvent.NONE)).peers());
            }
        });
    }
}
