package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.address;
import static dev.eddy.torrent.session.SwarmFixture.assertSameFiles;
import static dev.eddy.torrent.session.SwarmFixture.client;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.run;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.torrent.metainfo.Metainfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole swarms of Eddy clients on loopback, in one process, every byte compared with the original. */
class SwarmTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void oneSeederOneLeecher(@TempDir Path tmp) {
        byte[] data = payload(1, (3 << 20) + 12345);
        Path seedDir = tmp.resolve("seed");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        Path leechDir = tmp.resolve("leech");
        run(() -> {
            Client seeder = client(dev.eddy.loop.EventLoop.current());
            Client leecher = client(dev.eddy.loop.EventLoop.current());
            TorrentSession seed = seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
            TorrentSession leech = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            List<SessionEvent> events = new ArrayList<>();
            leech.addListener(events::add);
            leech.addPeer(address(seeder));
            Async.waitFor(leech.complete(), LIMIT);

            assertSameFiles(metainfo, seedDir, leechDir);
            TorrentStats stats = leech.stats();
            assertEquals(TorrentState.SEEDING, stats.state());
            assertEquals(data.length, stats.verifiedBytes());
            assertEquals(data.length, stats.downloaded());
            assertEquals(metainfo.pieceCount(), stats.pieces());
            assertEquals(data.length, stats.bytesBySource().get(address(seeder)));
            assertTrue(seed.stats().uploaded() >= data.length);
            assertEquals(metainfo.pieceCount(),
                    events.stream().filter(e -> e instanceof SessionEvent.PieceVerified).count());
            assertTrue(events.contains(new SessionEvent.StateChanged(TorrentState.DOWNLOADING, TorrentState.SEEDING)));
            leecher.close();
            seeder.close();
            assertEquals(TorrentState.STOPPED, leech.state());
            assertEquals(TorrentState.STOPPED, seed.state());
        });
    }
}
