package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.address;
import static dev.eddy.torrent.session.SwarmFixture.virtualTimeClient;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.VirtualClock;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.storage.ResumeData;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume file saved at completion is synced and written off the loop thread, and is right. */
class CompletionResumeTest {
    private static final int TICKS = 10;

    @Test
    void theLoopRunsOnWhileTheCompletionsResumeSaveIsHeldInItsExecutor(@TempDir Path tmp) throws Exception {
        byte[] data = payload(41, 1 << 20);
        Path seedDir = tmp.resolve("seed");
        Path leechDir = tmp.resolve("leech");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        Path resumeFile = ResumeData.defaultPath(leechDir, metainfo.infoHash());
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(loop.createTask(() -> {
                Client seeder = virtualTimeClient(loop);
                seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
                Client leecher = virtualTimeClient(loop);
                TorrentSession leech = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
                // An executor that runs nothing until the test says so: the save is "in progress" meanwhile.
                List<Runnable> held = new ArrayList<>();
                leech.resumeExecutor = held::add;
                leech.addPeer(address(seeder));
                Async.waitFor(leech.complete(), Duration.ofSeconds(60));

                assertEquals(1, held.size(), "the completion handed its resume save to the executor");
                assertFalse(Files.exists(resumeFile), "nothing was written on the loop thread");
                Future<Void> ticked = loop.createFuture();
                int[] ticks = {0};
                Runnable[] tick = new Runnable[1];
                tick[0] = () -> {
                    if (++ticks[0] == TICKS) {
                        ticked.setResult(null);
                    } else {
                        loop.callLater(Duration.ofMillis(100), tick[0]);
                    }
                };
                loop.callSoon(tick[0]);
                Async.waitFor(ticked, Duration.ofSeconds(5));
                assertEquals(TorrentState.SEEDING, leech.state());
                assertFalse(Files.exists(resumeFile), "the save is still held");

                Thread.ofPlatform().start(held.getFirst());
                ResumeData saved = leech.completionResumeSave().orElseThrow().await();
                assertEquals(metainfo.pieceCount(), saved.verified().cardinality());
                leecher.close();
                seeder.close();
            }));
        }
        ResumeData read = ResumeData.read(resumeFile, metainfo).orElseThrow();
        try (Storage storage = new Storage(metainfo, leechDir, StorageOptions.DEFAULTS)) {
            assertEquals(metainfo.pieceCount(), read.trustedPieces(storage).cardinality(),
                    "the stamps match the files, so a restart trusts every piece");
        }
    }
}
