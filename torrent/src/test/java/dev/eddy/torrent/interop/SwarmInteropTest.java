package dev.eddy.torrent.interop;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole downloads between Eddy and real clients (libtorrent 2.0 and aria2, Debian's packages) on
 * 127.0.0.1, each finding the others only through a real opentracker; every byte is compared with
 * the original. A missing program fails the test; it never skips.
 */
@Tag("interop")
@Timeout(180)
class SwarmInteropTest {
    private static final int PAYLOAD = 4 << 20;
    private static final int PIECE_LENGTH = 256 << 10;
    private static final Duration STEP = Duration.ofSeconds(60);

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

            SwarmProcess aria2Seeder = swarm.track(SwarmProcess.aria2Seeder(swarm.torrent(), aria2Folder, STEP));
            swarm.awaitSeeders(1, STEP);
            Path libtorrentFolder = swarm.folder("libtorrent");
            swarm.track(SwarmProcess.libtorrentLeecher(swarm.torrent(), libtorrentFolder, false, STEP))
                    .awaitSuccess(STEP);
            swarm.assertWhole(libtorrentFolder, "libtorrent");
            aria2Seeder.close();
        }
    }
}
