package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.address;
import static dev.eddy.torrent.session.SwarmFixture.assertSameFiles;
import static dev.eddy.torrent.session.SwarmFixture.client;
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

/** A download limit holds for a whole download, measured in virtual time. */
class DownloadLimitTest {
    private static final long LIMIT = 256 << 10;
    private static final long BURST = 64 << 10;
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
                    Client seeder = client(loop);
                    seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
                    seeders.add(seeder);
                }
                Client leecher = client(loop);
                TorrentSession leech = leecher.addTorrent(metainfo, leechDir,
                        TorrentOptions.DEFAULTS.withRateLimits(LIMIT, 0));
                long start = loop.time();
                for (Client seeder : seeders) {
                    leech.addPeer(address(seeder));
                }
                Async.waitFor(leech.complete(), Duration.ofMinutes(2));
                double seconds = (loop.time() - start) / 1e9;
                // The bucket starts full (its burst, 64 KiB here) and that much comes free; the rest is paced.
                double rate = (leech.stats().downloaded() - BURST) / seconds;
                // One timer per block owed let four seeders' pipelines drain about 6% over; paced, it is about 1.5%.
                assertTrue(rate <= LIMIT * 1.04, "downloaded at " + (long) rate + " B/s against a limit of " + LIMIT);
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
