package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.client;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.run;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.Metainfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check at start hashes in slices, so other work on the loop goes on meanwhile. */
class CheckTest {

    @Test
    void theLoopStaysResponsiveWhileALargeTorrentIsHashed(@TempDir Path tmp) {
        int size = (int) (2.5 * TorrentSession.CHECK_SLICE_BYTES);
        Metainfo metainfo = singleFile(tmp, "big.bin", payload(31, size), 256 << 10);
        run(() -> {
            Client client = client(EventLoop.current());
            TorrentSession seed = client.addTorrent(metainfo, tmp, TorrentOptions.DEFAULTS);
            int turns = 0;
            while (seed.state() == TorrentState.CHECKING) {
                turns++;
                Async.sleep(Duration.ZERO);
            }
            assertTrue(turns >= 3, "the check let other tasks run " + turns + " times");
            assertEquals(TorrentState.SEEDING, seed.state());
            assertEquals(size, seed.stats().verifiedBytes());
            client.close();
        });
    }
}
