package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.address;
import static dev.eddy.torrent.session.SwarmFixture.assertSameFiles;
import static dev.eddy.torrent.session.SwarmFixture.client;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.run;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.WaitMode;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.storage.ResumeData;
import dev.eddy.torrent.storage.StorageException;
import dev.eddy.torrent.storage.UnsafePathException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping in mid-download, by request or by a failed write, and resuming without fetching verified pieces again. */
class StopAndResumeTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void restartResumesWithoutDownloadingVerifiedPiecesAgain(@TempDir Path tmp) throws Exception {
        Payload payload = Payload.seeded(tmp, 11, 4 << 20);
        byte[] data = payload.data();
        Metainfo metainfo = payload.metainfo();
        Path leechDir = payload.leechDir();
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client seeder = payload.seeder(loop);
            // Few piece buffers, so that few pieces are on their way to disk when the stop comes.
            Client leecher = client(loop, "127.0.0.1", ClientOptions.DEFAULTS.withPieceBufferBytes(4L * PIECE));
            TorrentSession first = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            stopAfterPieces(first, 40);
            first.addPeer(address(seeder));
            Async.waitFor(first.stopped(), LIMIT);
            assertTrue(first.complete().cancelled());
            long kept = first.stats().verifiedBytes();
            assertTrue(kept >= 40L * PIECE && kept < data.length, "stopped in mid-download: " + kept);
            assertEquals(first.stats().pieces(), payload.piecesInResumeFile());

            TorrentSession second = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            long[] verifiedAtStart = {-1};
            second.addListener(event -> {
                if (event instanceof SessionEvent.StateChanged(var from, var to) && from == TorrentState.CHECKING) {
                    verifiedAtStart[0] = second.stats().verifiedBytes();
                }
            });
            second.addPeer(address(seeder));
            Async.waitFor(second.complete(), LIMIT);
            assertEquals(kept, verifiedAtStart[0]);
            assertTrue(second.stats().downloaded() <= data.length - kept,
                    second.stats().downloaded() + " downloaded again, " + (data.length - kept) + " were missing");
            leecher.close();
            seeder.close();
        });
        assertSameFiles(metainfo, payload.seedDir(), leechDir);
    }

    @Test
    void aFailedWriteStopsTheTorrentWithTheFileNamedAndKeepsVerifiedPieces(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("seed").resolve("album");
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("a.bin"), payload(12, 1 << 20));
        Files.write(folder.resolve("sub").resolve("b.bin"), payload(13, 1 << 20));
        Metainfo metainfo = TorrentBuilder.of(folder).pieceLength(PIECE).buildMetainfo();
        Path leechDir = tmp.resolve("leech");
        Path obstacle = leechDir.resolve("album").resolve("sub");
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client seeder = client(loop);
            seeder.addTorrent(metainfo, tmp.resolve("seed"), TorrentOptions.DEFAULTS);
            Client leecher = client(loop);
            // Sequential, so the pieces of a.bin are verified and written before the first write into sub/ fails.
            TorrentSession first = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS.withSequential(true));
            List<SessionEvent> events = new ArrayList<>();
            first.addListener(events::add);
            first.addListener(event -> {
                if (event instanceof SessionEvent.StateChanged(var from, var to) && from == TorrentState.CHECKING) {
                    try {
                        Files.createDirectories(obstacle.getParent());
                        Files.write(obstacle, new byte[] {1}); // a file where the folder sub/ must go
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            first.addPeer(address(seeder));
            Async.wait(List.of(first.stopped()), WaitMode.ALL_COMPLETED, LIMIT);

            assertEquals(TorrentState.STOPPED, first.state());
            StorageException error = assertInstanceOf(UnsafePathException.class, first.error().orElseThrow());
            assertEquals(obstacle, error.file());
            assertTrue(events.contains(new SessionEvent.Failed(error)));
            assertInstanceOf(UnsafePathException.class, first.complete().exception());
            long kept = first.stats().verifiedBytes();
            assertTrue(kept >= (1 << 20) - PIECE, "the pieces of a.bin were kept: " + kept);

            Files.delete(obstacle);
            TorrentSession second = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            second.addPeer(address(seeder));
            Async.waitFor(second.complete(), LIMIT);
            assertTrue(second.stats().downloaded() <= metainfo.totalLength() - kept);
            leecher.close();
            seeder.close();
        });
        assertSameFiles(metainfo, tmp.resolve("seed"), leechDir);
    }

    @Test
    void aStopWaitsForPiecesOnTheirWayToDiskAndCountsThemInTheResumeFile(@TempDir Path tmp) throws Exception {
        Payload payload = Payload.seeded(tmp, 14, 2 << 20);
        Metainfo metainfo = payload.metainfo();
        Path leechDir = payload.leechDir();
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client seeder = payload.seeder(loop);
            Client leecher = client(loop);
            // Writes are held back until the test lets them run, from a thread of their own.
            List<Runnable> held = new ArrayList<>();
            Future<Void> threeHeld = loop.createFuture();
            leecher.disk = PieceCommitter.using(loop, Runnable::run, work -> {
                held.add(work);
                if (held.size() == 3) {
                    threeHeld.setResult(null);
                }
            }, () -> 0);
            TorrentSession session = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            session.addPeer(address(seeder));
            Async.waitFor(threeHeld, LIMIT);
            assertEquals(0, session.stats().pieces(), "no piece counts before it is on disk");

            Future<Void> stop = loop.createTask("stop", session::stop);
            for (int i = 0; i < 100; i++) {
                Async.sleep(Duration.ZERO);
            }
            assertTrue(!stop.done() && leecher.pieceBufferBytesInUse() > 0,
                    "the stop waits for the pieces being written, and keeps their buffers");
            List<Runnable> release = List.copyOf(held);
            Thread.ofPlatform().start(() -> release.forEach(Runnable::run));
            Async.waitFor(stop, LIMIT);

            assertEquals(release.size(), session.stats().pieces(), "every piece that landed counts");
            assertEquals(0, leecher.pieceBufferBytesInUse(), "every buffer went back to the pool");
            assertEquals(release.size(), payload.piecesInResumeFile());
            leecher.close();
            seeder.close();
        });
    }

    /** Stops the session from a task of its own once {@code pieces} pieces are verified. */
    static Future<Void> stopAfterPieces(TorrentSession session, int pieces) {
        EventLoop loop = EventLoop.current();
        Future<Void> stopping = loop.createFuture();
        int[] verified = {0};
        session.addListener(event -> {
            if (event instanceof SessionEvent.PieceVerified && ++verified[0] == pieces) {
                loop.createTask("stop", session::stop);
                stopping.setResult(null);
            }
        });
        return stopping;
    }

    /** A single-file payload and its torrent in {@code tmp/seed}, to be downloaded into {@code tmp/leech}. */
    private record Payload(byte[] data, Metainfo metainfo, Path seedDir, Path leechDir) {
        static Payload seeded(Path tmp, long seed, int size) throws IOException {
            byte[] data = payload(seed, size);
            Path seedDir = tmp.resolve("seed");
            return new Payload(data, singleFile(seedDir, "payload.bin", data, PIECE), seedDir, tmp.resolve("leech"));
        }

        /** A client seeding it from {@link #seedDir}. */
        Client seeder(EventLoop loop) {
            return SwarmFixture.seeder(loop, metainfo, seedDir);
        }

        /** How many pieces the leecher's resume file vouches for. */
        int piecesInResumeFile() throws IOException {
            return ResumeData.read(ResumeData.defaultPath(leechDir, metainfo.infoHash()), metainfo).orElseThrow()
                    .verified().cardinality();
        }
    }
}
