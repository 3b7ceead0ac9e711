package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.address;
import static dev.eddy.torrent.session.SwarmFixture.assertSameFiles;
import static dev.eddy.torrent.session.SwarmFixture.virtualTimeClient;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import dev.eddy.torrent.metainfo.Metainfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download limit holds over a download from four seeders, measured in virtual time. The pacing
 * itself (one owed total per peer) is pinned down by {@link DownloadThrottleTest}.
 */
class DownloadLimitTest {
    private static final long LIMIT = 256 << 10;
    private static final int SEEDERS = 4;

    @Test
    void aLimitedDownloadRunsAtNoMoreThanAboutTheLimit(@TempDir Path tmp) {
        byte[] data = payload(31, 3 << 20);
        Path seedDir = tmp.resolve("seed");
        Path leechDir = tmp.resolve("leech");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(loop.createTask(() -> {
                List<Client> seeders = new ArrayList<>();
                for (int i = 0; i < SEEDERS; i++) {
                    Client seeder = virtualTimeClient(loop);
                    seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
                    seeders.add(seeder);
                }
                Client leecher = virtualTimeClient(loop);
                TorrentSession leech = leecher.addTorrent(metainfo, leechDir,
                        TorrentOptions.DEFAULTS.withRateLimits(LIMIT, 0));
                // The rate over the middle of the download: past the bucket's initial burst, before the end.
                long[] window = new long[4];
                leech.addListener(event -> {
                    if (event instanceof SessionEvent.PieceVerified) {
                        long downloaded = leech.stats().downloaded();
                        if (window[1] == 0 && downloaded >= data.length / 4) {
                            window[0] = loop.time();
                            window[1] = downloaded;
                        } else if (window[3] == 0 && downloaded >= data.length * 3L / 4) {
                            window[2] = loop.time();
                            window[3] = downloaded;
                        }
                    }
                });
                for (Client seeder : seeders) {
                    leech.addPeer(address(seeder));
                }
                Async.waitFor(leech.complete(), Duration.ofMinutes(2));
                double rate = (window[3] - window[1]) / ((window[2] - window[0]) / 1e9);
                assertTrue(rate <= LIMIT * 1.1, "downloaded at " + (long) rate + " B/s against a limit of " + LIMIT);
                assertTrue(rate >= LIMIT * 0.9, "downloaded at " + (long) rate + " B/s against a limit of " + LIMIT);
                leecher.close();
                for (Client seeder : seeders) {
                    seeder.close();
                }
            }));
        }
        assertSameFiles(metainfo, seedDir, leechDir);
    }
}
