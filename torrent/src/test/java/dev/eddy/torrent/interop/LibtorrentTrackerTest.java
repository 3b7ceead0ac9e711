package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.ExternalTool;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.TrackerEvent;
import dev.eddy.torrent.tracker.server.AnnounceRecorder;
import dev.eddy.torrent.tracker.server.AnnounceSeen;
import dev.eddy.torrent.tracker.server.SwarmProbe;
import dev.eddy.torrent.tracker.server.TrackerFixture;
import dev.eddy.torrent.tracker.server.TrackerServerOptions;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eddy's tracker with libtorrent 2.0 (Debian's python3-libtorrent) as the client, over HTTP (as a
 * seeder) and UDP (as a leecher): libtorrent's announce registers it, as a scrape and another
 * peer's announce show; libtorrent reads Eddy's peer lists and scrape replies; its stopped event
 * removes it.
 */
@Tag("interop")
@Timeout(120)
class LibtorrentTrackerTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final InetAddress LOCALHOST = InetAddress.ofLiteral("127.0.0.1");
    private static final int PAYLOAD = 100_000;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"http", "udp"})
    void libtorrentAnnouncesScrapesAndStops(String scheme) throws Exception {
        ExternalTool.requireLibtorrent();
        Path data = Files.createDirectories(temp.resolve("data"));
        byte[] payload = new byte[PAYLOAD];
        new Random(5).nextBytes(payload);
        Path file = Files.write(data.resolve("payload.bin"), payload);
        boolean seeding = scheme.equals("http");
        TrackerFixture.run(TrackerServerOptions.loopback().withInterval(Duration.ofSeconds(60)), (loop, tracker) -> {
            AnnounceRecorder announces = AnnounceRecorder.attach(loop, tracker);
            int trackerPort = seeding ? tracker.httpPort() : tracker.udpPort();
            String url = scheme + "://127.0.0.1:" + trackerPort + "/announce";
            Path torrent = temp.resolve(scheme + ".torrent");
            Metainfo metainfo = TorrentBuilder.of(file).pieceLength(16 << 10).trackerTier(url).writeTo(torrent);
            InfoHash infoHash = metainfo.infoHash();
            Path savePath = seeding ? data : Files.createDirectories(temp.resolve("empty"));
            try (LibtorrentTrackerClient libtorrent = LibtorrentTrackerClient.start(loop, torrent, savePath)) {
                int port = Integer.parseInt(libtorrent.expect("listen ", STEP).split(" ")[1]);
                PeerAddress libtorrentPeer = new PeerAddress(LOCALHOST, port);
                assertEquals("reply " + url + " 0", libtorrent.expect("reply ", STEP));
                AnnounceSeen started = announces.await(seen -> seen.peer().equals(libtorrentPeer), STEP);
                assertEquals(TrackerEvent.STARTED, started.event());
                assertEquals(seeding ? 0 : PAYLOAD, started.left());
                assertTrue(new String(started.peerId().bytes(), StandardCharsets.ISO_8859_1).startsWith("-LT20"),
                        started.peerId()::toString);
                assertEquals(infoHash, started.infoHash());

                // Registered: a scrape counts it, and another peer's announce returns it.
                SwarmProbe probe = seeding ? SwarmProbe.overHttp(tracker, infoHash)
                        : SwarmProbe.overUdp(loop, tracker, infoHash);
                assertEquals(new ScrapeStats(seeding ? 1 : 0, 0, seeding ? 0 : 1), probe.counts());
                assertEquals(List.of(libtorrentPeer), probe.peers());

                // libtorrent reads Eddy's replies: the peer list now holds the test's peer...
                libtorrent.send("reannounce");
                assertEquals("reply " + url + " 1", libtorrent.expect("reply ", STEP));
                // ...and the scrape counts both peers: libtorrent and the test's leecher.
                libtorrent.send("scrape");
                assertEquals("scrape " + url + " " + (seeding ? "1 1" : "0 2"), libtorrent.expect("scrape ", STEP));

                libtorrent.send("stop");
                announces.await(seen -> seen.peer().equals(libtorrentPeer) && seen.event() == TrackerEvent.STOPPED, STEP);
                assertEquals(1, tracker.peerCount(), "libtorrent's stopped removed it; the test's peer is left");
                libtorrent.send("quit");
                libtorrent.expect("bye", STEP);
                assertEquals(0, libtorrent.waitForExit(STEP), libtorrent::transcript);
            }
        });
    }
}
