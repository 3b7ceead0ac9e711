package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.metainfo.TorrentFile;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageLayout;
import dev.eddy.torrent.storage.StorageOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early syncs start every STEP bytes, one at a time, and leave the storage's own bookkeeping alone. */
class EarlyWritebackTest {
    private static final int PIECE = 1 << 20;

    @Test
    void aSyncStartsOnceAStepIsWrittenAndTheFilesStayUnsyncedForTheStop(@TempDir Path tmp) throws Exception {
        StorageLayout layout = new StorageLayout(List.of(new TorrentFile(List.of("a.bin"), 4L * PIECE, 0, false),
                new TorrentFile(List.of("b.bin"), 4L * PIECE, 4L * PIECE, false)), PIECE);
        try (EventLoop loop = new EventLoop(); Storage storage = new Storage(layout, tmp, StorageOptions.DEFAULTS)) {
            storage.write(0, 0, ByteBuffer.allocate(PIECE));
            storage.write(5, 0, ByteBuffer.allocate(PIECE));
            EarlyWriteback writeback = new EarlyWriteback(loop, storage);

            writeback.written(EarlyWriteback.STEP - 1);
            assertNull(writeback.running(), "not a whole step yet");
            writeback.written(1);
            Future<Void> first = writeback.running();
            assertNotNull(first, "a step gathered: a sync started");
            writeback.written(EarlyWriteback.STEP);
            assertSame(first, writeback.running(), "one at a time");
            loop.runUntilComplete(first);
            assertNull(first.exception());

            assertEquals(List.of(0, 1), storage.writtenSinceSync(), "the stop's flush still covers both files");
            writeback.written(EarlyWriteback.STEP);
            assertNotNull(writeback.running());
            loop.runUntilComplete(writeback.running());
        }
    }
}
