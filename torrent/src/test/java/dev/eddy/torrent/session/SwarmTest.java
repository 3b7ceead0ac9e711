package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.address;
import static dev.eddy.torrent.session.SwarmFixture.assertSameFiles;
import static dev.eddy.torrent.session.SwarmFixture.client;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.run;
import static dev.eddy.torrent.session.SwarmFixture.seeder;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.pieces.Block;
import dev.eddy.torrent.storage.ResumeData;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole swarms of Eddy clients on loopback, in one process, every byte compared with the original. */
class SwarmTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** Both ways of committing pieces: inline on the loop thread, and on the client's disk thread. */
    @ParameterizedTest(name = "disk thread: {0}")
    @ValueSource(booleans = {false, true})
    void oneSeederOneLeecher(boolean diskThread, @TempDir Path tmp) {
        byte[] data = payload(1, (3 << 20) + 12345);
        Path seedDir = tmp.resolve("seed");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        Path leechDir = tmp.resolve("leech");
        run(() -> {
            Client seeder = client(EventLoop.current());
            Client leecher = client(EventLoop.current(), "127.0.0.1", ClientOptions.DEFAULTS.withDiskThread(diskThread));
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
            assertEquals(Map.of(address(seeder).address(), (long) data.length), stats.bytesBySource());
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

    @Test
    void tenLeechersTradeWithEachOther(@TempDir Path tmp) {
        byte[] data = payload(2, 2 << 20);
        Path seedDir = tmp.resolve("seed");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client seeder = client(loop);
            TorrentSession seed = seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
            List<Client> clients = new ArrayList<>();
            List<TorrentSession> leeches = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Client client = client(loop);
                clients.add(client);
                leeches.add(client.addTorrent(metainfo, tmp.resolve("leech" + i), TorrentOptions.DEFAULTS));
            }
            for (TorrentSession leech : leeches) {
                leech.addPeer(address(seeder));
                clients.forEach(other -> leech.addPeer(address(other)));
            }
            Async.waitFor(Async.gather(leeches.stream().map(TorrentSession::complete).toList()), LIMIT);

            long leechersUploaded = 0;
            for (int i = 0; i < 10; i++) {
                assertSameFiles(metainfo, seedDir, tmp.resolve("leech" + i));
                leechersUploaded += leeches.get(i).stats().uploaded();
            }
            assertTrue(leechersUploaded > 0, "leechers uploaded to each other");
            assertTrue(seed.stats().uploaded() < 10L * data.length, "the seeder sent less than everything to everyone");
            for (Client client : clients) {
                client.close();
            }
            seeder.close();
        });
    }

    @ParameterizedTest(name = "disk thread: {0}")
    @ValueSource(booleans = {false, true})
    void aSeederSendingCorruptPiecesIsBanned(boolean diskThread, @TempDir Path tmp) throws Exception {
        byte[] data = payload(3, 4 << 20);
        Path goodDir = tmp.resolve("good");
        Metainfo metainfo = singleFile(goodDir, "payload.bin", data, PIECE);
        Path badDir = tmp.resolve("bad");
        byte[] corrupt = data.clone();
        for (int i = 100; i < corrupt.length; i += PIECE) {
            corrupt[i] ^= 0x5A;
        }
        Files.createDirectories(badDir);
        Files.write(badDir.resolve("payload.bin"), corrupt);
        try (Storage storage = new Storage(metainfo, badDir, StorageOptions.DEFAULTS)) {
            Bitfield all = new Bitfield(metainfo.pieceCount());
            for (int piece = 0; piece < metainfo.pieceCount(); piece++) {
                all.set(piece);
            }
            // The liar's resume file vouches for its corrupted copy, so it serves it without a recheck.
            ResumeData.capture(metainfo.infoHash(), storage, all).write(ResumeData.defaultPath(badDir, metainfo.infoHash()));
        }
        Path leechDir = tmp.resolve("leech");
        run(() -> {
            EventLoop loop = EventLoop.current();
            List<Client> seeders = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // Bans are by IP address, so each seeder listens on an address of its own in 127/8.
                Client seeder = client(loop, "127.0.0." + (2 + i), ClientOptions.DEFAULTS);
                seeders.add(seeder);
                seeder.addTorrent(metainfo, i == 0 ? badDir : goodDir, TorrentOptions.DEFAULTS);
            }
            Client leecher = client(loop, "127.0.0.1", ClientOptions.DEFAULTS.withDiskThread(diskThread));
            TorrentSession leech = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            List<SessionEvent> events = new ArrayList<>();
            leech.addListener(events::add);
            seeders.forEach(seeder -> leech.addPeer(address(seeder)));
            Async.waitFor(leech.complete(), LIMIT);

            assertSameFiles(metainfo, goodDir, leechDir);
            assertTrue(events.contains(new SessionEvent.PeerBanned(address(seeders.get(0)).address())), events::toString);
            assertTrue(events.stream().anyMatch(e -> e instanceof SessionEvent.PieceFailed));
            for (int i = 1; i < 5; i++) {
                assertFalse(events.contains(new SessionEvent.PeerBanned(address(seeders.get(i)).address())));
            }
            assertEquals(data.length, leech.stats().verifiedBytes());
            leecher.close();
            for (Client seeder : seeders) {
                seeder.close();
            }
        });
    }

    @Test
    void peersThatSendNothingHaveNoSourceEntryHoweverOftenTheyConnect(@TempDir Path tmp) {
        Path seedDir = tmp.resolve("seed");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", payload(5, 256 << 10), PIECE);
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client seeder = client(loop);
            TorrentSession seed = seeder.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
            // Five connections from 127.0.0.1, each from its own port, and none sends a block.
            for (int i = 0; i < 5; i++) {
                var connected = loop.<Void>createFuture();
                Consumer<SessionEvent> listener = event -> {
                    if (event instanceof SessionEvent.PeerConnected && !connected.done()) {
                        connected.setResult(null);
                    }
                };
                seed.addListener(listener);
                Client leecher = client(loop);
                TorrentSession leech = leecher.addTorrent(metainfo, tmp.resolve("leech" + i), TorrentOptions.DEFAULTS);
                leech.addPeer(address(seeder));
                Async.waitFor(connected, LIMIT);
                seed.removeListener(listener);
                leecher.close();
            }
            assertEquals(Map.of(), seed.stats().bytesBySource());
            seeder.close();
        });
    }

    @Test
    void blocksOfAPeerThatLeavesInMidPieceAreFetchedElsewhere(@TempDir Path tmp) {
        byte[] data = payload(4, 2 << 20);
        Path seedDir = tmp.resolve("seed");
        int pieceLength = 64 << 10;
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, pieceLength);
        Path leechDir = tmp.resolve("leech");
        run(() -> {
            EventLoop loop = EventLoop.current();
            QuittingSeeder quitter = new QuittingSeeder(loop, metainfo, data, 3);
            Client seeder = seeder(loop, metainfo, seedDir);
            Client leecher = client(loop);
            TorrentSession leech = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            leech.addPeer(quitter.address());
            leech.addPeer(address(seeder));
            Async.waitFor(leech.complete(), LIMIT);

            assertSameFiles(metainfo, seedDir, leechDir);
            assertEquals(3, quitter.blocksSent());
            assertTrue(quitter.leftInMidPiece(), "the quitter's blocks did not make a whole piece");
            // Both peers are on 127.0.0.1, so the quitter's three blocks and the seeder's rest count together.
            assertEquals(Map.of(quitter.address().address(), (long) data.length), leech.stats().bytesBySource());
            assertEquals(data.length, leech.stats().downloaded());
            quitter.close();
            leecher.close();
            seeder.close();
        });
    }

    @Test
    void aSeedIsNotToldOfThePiecesItHas(@TempDir Path tmp) throws Exception {
        byte[] data = payload(12, 6 * PIECE);
        Path seedDir = tmp.resolve("seed");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        run(() -> {
            EventLoop loop = EventLoop.current();
            QuittingSeeder seed = new QuittingSeeder(loop, metainfo, data, Integer.MAX_VALUE); // never quits
            Client leecher = client(loop);
            TorrentSession leech = leecher.addTorrent(metainfo, tmp.resolve("leech"), TorrentOptions.DEFAULTS);
            leech.addPeer(seed.address());
            Async.waitFor(leech.complete(), LIMIT);
            assertEquals(metainfo.pieceCount() * PIECE / Block.SIZE, seed.blocksSent(), "every block came from it");
            assertEquals(0, seed.havesReceived(), "a HAVE to a peer that has the piece is a wasted message");
            seed.close();
            leecher.close();
        });
    }

    @Test
    void multiFileTorrentWithAnEmptyFileAndPiecesSpanningFiles(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("seed").resolve("album");
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("a.bin"), payload(5, 50_000));
        Files.write(folder.resolve("empty.txt"), new byte[0]);
        Files.write(folder.resolve("sub").resolve("b.bin"), payload(6, 100_001));
        Files.write(folder.resolve("z.bin"), payload(7, 70_000));
        Metainfo metainfo = TorrentBuilder.of(folder).pieceLength(PIECE).buildMetainfo();
        Path leechDir = tmp.resolve("leech");
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client seeder = client(loop);
            seeder.addTorrent(metainfo, tmp.resolve("seed"), TorrentOptions.DEFAULTS);
            Client leecher = client(loop);
            TorrentSession leech = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            leech.addPeer(address(seeder));
            Async.waitFor(leech.complete(), LIMIT);
            assertTrue(Files.isRegularFile(leechDir.resolve("album").resolve("empty.txt")));
            leecher.close();
            seeder.close();
        });
        assertEquals(4, metainfo.files().size());
        assertSameFiles(metainfo, tmp.resolve("seed"), leechDir);
    }

    @Test
    void pieceBuffersStayWithinTheirCap(@TempDir Path tmp) {
        byte[] data = payload(8, 2 << 20);
        Path seedDir = tmp.resolve("seed");
        Metainfo metainfo = singleFile(seedDir, "payload.bin", data, PIECE);
        Path leechDir = tmp.resolve("leech");
        long cap = 4L * PIECE;
        run(() -> {
            EventLoop loop = EventLoop.current();
            Client first = client(loop);
            Client second = client(loop);
            first.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS);
            second.addTorrent(metainfo, seedDir, TorrentOptions.DEFAULTS.withSeedWhenDone(true));
            Client leecher = client(loop, "127.0.0.1", ClientOptions.DEFAULTS.withPieceBufferBytes(cap));
            TorrentSession leech = leecher.addTorrent(metainfo, leechDir, TorrentOptions.DEFAULTS);
            leech.addPeer(address(first));
            leech.addPeer(address(second));
            Async.waitFor(leech.complete(), LIMIT);
            assertEquals(cap, leecher.pieceBufferHighWater());
            assertEquals(0, leecher.pieceBufferBytesInUse());
            leecher.close();
            first.close();
            second.close();
        });
        assertSameFiles(metainfo, seedDir, leechDir);
    }
}
