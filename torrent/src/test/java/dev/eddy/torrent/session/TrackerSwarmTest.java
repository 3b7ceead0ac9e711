package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.assertSameFiles;
import static dev.eddy.torrent.session.SwarmFixture.virtualTimeClient;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.storage.ResumeData;
import dev.eddy.torrent.tracker.server.TrackerServer;
import dev.eddy.torrent.tracker.server.TrackerServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers found through Eddy's own tracker on loopback, and a clean stop measured in virtual time. */
class TrackerSwarmTest {

    @Test
    void leecherFindsTheSeederThroughTheTrackerAndStopsCleanlyWithinFiveSeconds(@TempDir Path tmp) throws Exception {
        byte[] data = payload(21, 4 << 20);
        Path seedDir = tmp.resolve("seed");
        Path leechDir = tmp.resolve("leech");
        Metainfo[] built = new Metainfo[1];
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(loop.createTask(() -> {
                TrackerServer tracker = TrackerServer.start(loop, TrackerServerOptions.loopback().withPorts(0, -1)).await();
                String announce = "http://127.0.0.1:" + tracker.httpPort() + "/announce";
                Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE, announce);
                built[0] = metainfo;
                Client seeder = virtualTimeClient(loop);
                TorrentSession seed = seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
                Client leecher = virtualTimeClient(loop);
                // 512 KiB/s in virtual time: the download takes 8 s of loop time, so the stop comes in the middle.
                TorrentSession leech = leecher.addTorrent(metainfo, leechDir,
                        TorrentOptions.DEFAULTS.withRateLimits(512 << 10, 0));
                List<SessionEvent> events = new ArrayList<>();
                leech.addListener(events::add);
                seed.addListener(events::add);
                int[] verified = {0};
                var halfway = loop.<Void>createFuture();
                leech.addListener(event -> {
                    if (event instanceof SessionEvent.PieceVerified && ++verified[0] == metainfo.pieceCount() / 2) {
                        halfway.setResult(null);
                    }
                });
                Async.waitFor(halfway, Duration.ofSeconds(60));
                assertEquals(2, tracker.peerCount());

                long before = loop.time();
                leech.stop();
                long took = loop.time() - before;
                assertTrue(took <= Duration.ofSeconds(5).toNanos(), "stopped in " + took + " ns of loop time");
                assertEquals(TorrentState.STOPPED, leech.state());
                assertEquals(1, tracker.peerCount(), "the tracker heard stopped");
                assertTrue(events.stream().anyMatch(e -> e instanceof SessionEvent.TrackerAnnounced a
                        && a.tracker().toString().equals(announce)));
                assertEquals(leech.stats().pieces(), ResumeData.read(ResumeData.defaultPath(leechDir,
                        metainfo.infoHash()), metainfo).orElseThrow().verified().cardinality());
                assertTrue(leech.stats().pieces() < metainfo.pieceCount());

                TorrentSession again = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
                Async.waitFor(again.complete(), Duration.ofMinutes(5));
                leecher.close();
                seeder.close();
                tracker.close();
            }));
        }
        assertSameFiles(built[0], seedDir, leechDir);
    }
}
