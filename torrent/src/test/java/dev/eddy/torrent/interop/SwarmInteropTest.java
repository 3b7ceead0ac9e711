package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.TorrentOptions;
import dev.eddy.torrent.session.TorrentSession;
import dev.eddy.torrent.session.TorrentState;
import dev.eddy.torrent.session.TorrentStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole downloads between Eddy and real clients (libtorrent 2.0 and aria2, Debian's packages) on
 * 127.0.0.1, each finding the others only through a real opentracker; every byte is compared with
 * the original. Eddy runs on a loop in the test thread; the other clients are processes, and the
 * blocking waits for them go through the loop's executor so Eddy keeps running meanwhile. A missing
 * program fails the test; it never skips.
 */
@Tag("interop")
@Timeout(180)
class SwarmInteropTest {
    private static final int PAYLOAD = 4 << 20;
    private static final int PIECE_LENGTH = 256 << 10;
    private static final Duration STEP = Duration.ofSeconds(60);
    /** The mixed swarm's seeder uploads this slowly, so the leechers must trade to finish in time. */
    private static final long SLOW_SEED_BYTES_PER_SECOND = 1 << 20;
    private static final ClientOptions LOOPBACK = ClientOptions.DEFAULTS.withListen("127.0.0.1", 0);
    private static final TorrentOptions DOWNLOAD_ONLY = TorrentOptions.DEFAULTS.withSeedWhenDone(false);

    @TempDir
    Path temp;

    /**
     * The harness itself, without Eddy: aria2 downloads from a libtorrent seeder, then libtorrent
     * from an aria2 seeder. If this fails, the tools or the harness are broken, not Eddy.
     */
    @Test
    void referenceClientsTradeThroughOpentracker() throws Exception {
        try (SwarmFixture swarm = SwarmFixture.create(temp, PAYLOAD, PIECE_LENGTH, 1)) {
            SwarmProcess libtorrentSeeder = swarm.track(
                    SwarmProcess.libtorrentSeeder(swarm.torrent(), swarm.seedFolder(), STEP));
            Path aria2Folder = swarm.folder("aria2");
            swarm.track(SwarmProcess.aria2Leecher(swarm.torrent(), aria2Folder, Duration.ZERO)).awaitSuccess(STEP);
            swarm.assertWhole(aria2Folder, "aria2");
            libtorrentSeeder.close();
            // Its stopped announce must land first, or the next leecher may be told only of it.
            swarm.awaitCounts(counts -> counts.seeders() == 0, STEP);

            SwarmProcess aria2Seeder = swarm.track(SwarmProcess.aria2Seeder(swarm.torrent(), aria2Folder, STEP));
            swarm.awaitSeeders(1, STEP);
            Path libtorrentFolder = swarm.folder("libtorrent");
            swarm.track(SwarmProcess.libtorrentLeecher(swarm.torrent(), libtorrentFolder, false, STEP))
                    .awaitSuccess(STEP);
            swarm.assertWhole(libtorrentFolder, "libtorrent");
            aria2Seeder.close();
        }
    }

    @Test
    void eddyDownloadsFromLibtorrent() throws Exception {
        try (SwarmFixture swarm = SwarmFixture.create(temp, PAYLOAD, PIECE_LENGTH, 2)) {
            swarm.track(SwarmProcess.libtorrentSeeder(swarm.torrent(), swarm.seedFolder(), STEP));
            eddyDownloads(swarm, "eddy");
        }
    }

    @Test
    void eddyDownloadsFromAria2() throws Exception {
        try (SwarmFixture swarm = SwarmFixture.create(temp, PAYLOAD, PIECE_LENGTH, 3)) {
            swarm.track(SwarmProcess.aria2Seeder(swarm.torrent(), swarm.seedFolder(), STEP.multipliedBy(2)));
            swarm.awaitSeeders(1, STEP);
            eddyDownloads(swarm, "eddy");
        }
    }

    @Test
    void libtorrentDownloadsFromEddy() throws Exception {
        downloadsFromEddy("libtorrent", 4,
                (torrent, folder) -> SwarmProcess.libtorrentLeecher(torrent, folder, false, STEP));
    }

    @Test
    void aria2DownloadsFromEddy() throws Exception {
        downloadsFromEddy("aria2", 5, (torrent, folder) -> SwarmProcess.aria2Leecher(torrent, folder, Duration.ZERO));
    }

    /**
     * An Eddy seeder, held to 1 MiB/s, and three leechers at once: Eddy, libtorrent and aria2. The
     * seeder alone would need 12 s to serve the three; they finish sooner by trading, and the
     * Eddy leecher uploads to the others while it downloads.
     */
    @Test
    void mixedSwarmOfEddyLibtorrentAndAria2() throws Exception {
        try (SwarmFixture swarm = SwarmFixture.create(temp, PAYLOAD, PIECE_LENGTH, 6)) {
            Path libtorrentFolder = swarm.folder("libtorrent");
            Path aria2Folder = swarm.folder("aria2");
            Path eddyFolder = swarm.folder("eddy");
            TorrentOptions slowSeed = TorrentOptions.DEFAULTS.withRateLimits(0, SLOW_SEED_BYTES_PER_SECOND);
            eddySeeds(swarm, slowSeed, loop -> {
                // aria2 seeds for a while after it completes, so the others can still fetch from it.
                SwarmProcess aria2 = blocking(loop, () -> swarm.track(
                        SwarmProcess.aria2Leecher(swarm.torrent(), aria2Folder, Duration.ofSeconds(3))));
                SwarmProcess libtorrent = blocking(loop, () -> swarm.track(
                        SwarmProcess.libtorrentLeecher(swarm.torrent(), libtorrentFolder, true, STEP)));
                Client leecherClient = Client.start(loop, LOOPBACK).await();
                TorrentSession leecher = leecherClient.addTorrent(swarm.metainfo(), eddyFolder, TorrentOptions.DEFAULTS);
                Async.waitFor(leecher.complete(), STEP);
                blocking(loop, () -> libtorrent.awaitDone(STEP));
                blocking(loop, () -> aria2.awaitSuccess(STEP));
                TorrentStats stats = leecher.stats();
                assertTrue(stats.uploaded() > 0, () -> "Eddy's leecher served the other leechers nothing: " + stats);
                leecherClient.close();
            }, seederStats -> assertTrue(seederStats.uploaded() < 3L * PAYLOAD,
                    () -> "the leechers did not trade: the seeder sent " + seederStats.uploaded() + " bytes"));
            swarm.assertWhole(eddyFolder, "Eddy");
            swarm.assertWhole(libtorrentFolder, "libtorrent");
            swarm.assertWhole(aria2Folder, "aria2");
        }
    }

    /** An Eddy leecher downloads the swarm's torrent, from the seeders the tracker names, into a folder {@code name}. */
    private static void eddyDownloads(SwarmFixture swarm, String name) throws Exception {
        Path folder = swarm.folder(name);
        EventLoop.run(() -> {
            Client client = Client.start(EventLoop.current(), LOOPBACK).await();
            try {
                TorrentSession session = client.addTorrent(swarm.metainfo(), folder, DOWNLOAD_ONLY);
                Async.waitFor(session.complete(), STEP);
                TorrentStats stats = session.stats();
                assertEquals(PAYLOAD, stats.verifiedBytes(), stats::toString);
            } finally {
                client.close();
            }
        });
        swarm.assertWhole(folder, "Eddy");
    }

    /** An Eddy seeder, and a leecher that {@code leecher} starts, which must download it all and exit. */
    private void downloadsFromEddy(String name, long seed, BiFunction<Path, Path, SwarmProcess> leecher)
            throws Exception {
        try (SwarmFixture swarm = SwarmFixture.create(temp, PAYLOAD, PIECE_LENGTH, seed)) {
            Path folder = swarm.folder(name);
            eddySeeds(swarm, TorrentOptions.DEFAULTS, loop -> blocking(loop,
                    () -> swarm.track(leecher.apply(swarm.torrent(), folder)).awaitSuccess(STEP)));
            swarm.assertWhole(folder, name);
        }
    }

    /**
     * Runs an Eddy seeder of the swarm's data while {@code leechers} runs, once the tracker counts
     * it; then checks the seeder's stats with {@code afterwards} and stops it.
     */
    private static void eddySeeds(SwarmFixture swarm, TorrentOptions options, LoopBody leechers) {
        eddySeeds(swarm, options, leechers, stats -> { });
    }

    private static void eddySeeds(SwarmFixture swarm, TorrentOptions options, LoopBody leechers,
            Consumer<TorrentStats> afterwards) {
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Client client = Client.start(loop, LOOPBACK).await();
            try {
                TorrentSession seeder = client.addTorrent(swarm.metainfo(), swarm.seedFolder(), options);
                Async.waitFor(seeder.complete(), STEP);
                assertEquals(TorrentState.SEEDING, seeder.state());
                blocking(loop, () -> swarm.awaitSeeders(1, STEP));
                leechers.run(loop);
                afterwards.accept(seeder.stats());
            } finally {
                client.close();
            }
        });
    }

    /** Runs blocking work (waiting for a process, a scrape) off the loop thread and awaits it. */
    private static <T> T blocking(EventLoop loop, Callable<T> work) {
        Future<T> done = loop.runInExecutor(work);
        return done.await();
    }

    /** Work in a task on the loop, which may throw. */
    @FunctionalInterface
    private interface LoopBody {
        void run(EventLoop loop) throws Exception;
    }
}
