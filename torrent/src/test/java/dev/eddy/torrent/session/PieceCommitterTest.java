package dev.eddy.torrent.session;

import static dev.eddy.torrent.session.SwarmFixture.PIECE;
import static dev.eddy.torrent.session.SwarmFixture.payload;
import static dev.eddy.torrent.session.SwarmFixture.singleFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageException;
import dev.eddy.torrent.storage.StorageOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Complete pieces are hashed on the loop thread and, if right, written: on a thread of their own or inline. */
class PieceCommitterTest {
    private static final byte[] DATA = payload(71, 3 * PIECE);

    @Test
    void aRightPieceIsWrittenOnTheWriterThreadAndTheResultComesBackOnTheLoop(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("leech").resolve("payload.bin");
        try (Fixture fixture = Fixture.open(tmp, true)) {
            EventLoop loop = fixture.loop();
            Future<Boolean> commit = loop.runUntilComplete(loop.createTask(() -> {
                Future<Boolean> pending = fixture.commit(1, piece(1));
                assertFalse(pending.done(), "the work is queued, not done inline");
                pending.await();
                return pending;
            }));
            assertTrue(commit.result());
            byte[] written = Files.readAllBytes(target);
            assertArrayEquals(Arrays.copyOfRange(DATA, PIECE, 2 * PIECE), Arrays.copyOfRange(written, PIECE, 2 * PIECE));
        }
    }

    @Test
    void anIdleLoopHashesAtOnceAndOnlyTheWriteWaitsForTheWriter(@TempDir Path tmp) throws Exception {
        List<Runnable> heldWrites = new ArrayList<>();
        int offloaded = commitTwoPieces(tmp, 0.5, heldWrites, (right, wrong) -> {
            assertEquals(1, heldWrites.size(), "only the piece that hashed right goes to the writer");
            assertFalse(right.done(), "it counts once it is written");
            assertTrue(wrong.done(), "a wrong hash is known at once");
            assertFalse(wrong.result());
        });
        assertEquals(0, offloaded);
    }

    @Test
    void aBusyLoopHandsTheHashingToTheHashingThread(@TempDir Path tmp) throws Exception {
        int offloaded = commitTwoPieces(tmp, 0.95, new ArrayList<>(), (right, wrong) -> {
            assertFalse(right.done() || wrong.done(), "nothing was hashed inline");
        });
        assertEquals(2, offloaded);
    }

    /**
     * Commits piece 0 and a corrupt piece 1 with a loop load of {@code load} and the threads' work
     * held, lets {@code check} look, then runs the held work until both are done, and checks that
     * only piece 0 was written and both verdicts are right.
     *
     * @return how many pieces went to the hashing thread
     */
    private int commitTwoPieces(Path tmp, double load, List<Runnable> heldWrites,
            java.util.function.BiConsumer<Future<Boolean>, Future<Boolean>> check) throws Exception {
        Metainfo metainfo = singleFile(tmp.resolve("seed"), "payload.bin", DATA, PIECE);
        List<Runnable> heldHashes = new ArrayList<>();
        int[] hashedOffLoop = {0};
        try (EventLoop loop = new EventLoop();
                Storage storage = new Storage(metainfo, tmp.resolve("leech"), StorageOptions.DEFAULTS)) {
            PieceVerifier verifier = new PieceVerifier(storage, metainfo.pieceHashes());
            PieceCommitter committer = PieceCommitter.using(loop, heldHashes::add, heldWrites::add, () -> load);
            Future<Boolean> right = committer.commit(verifier, storage, 0, piece(0));
            ByteBuffer corrupt = piece(1);
            corrupt.put(5, (byte) (corrupt.get(5) ^ 1));
            Future<Boolean> wrong = committer.commit(verifier, storage, 1, corrupt);
            check.accept(right, wrong);
            loop.runUntilComplete(loop.createTask(() -> {
                for (int turn = 0; turn < 100 && !(right.done() && wrong.done()); turn++) {
                    hashedOffLoop[0] += heldHashes.size();
                    runAll(heldHashes);
                    runAll(heldWrites);
                    Async.sleep(Duration.ZERO);
                }
            }));
            assertTrue(right.result());
            assertFalse(wrong.result());
        }
        byte[] written = Files.readAllBytes(tmp.resolve("leech").resolve("payload.bin"));
        assertArrayEquals(Arrays.copyOfRange(DATA, 0, PIECE), Arrays.copyOfRange(written, 0, PIECE));
        assertEquals(PIECE, written.length, "piece 1 was never written");
        return hashedOffLoop[0];
    }

    private static void runAll(List<Runnable> held) {
        List<Runnable> now = List.copyOf(held);
        held.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aPieceThatHashesWrongIsNotWritten(@TempDir Path tmp) throws Exception {
        try (Fixture fixture = Fixture.open(tmp, true)) {
            ByteBuffer corrupt = piece(0);
            corrupt.put(100, (byte) (corrupt.get(100) ^ 1));
            Future<Boolean> commit = fixture.commit(0, corrupt);
            fixture.loop().runUntilComplete(commit);
            assertFalse(commit.result());
            assertFalse(Files.exists(tmp.resolve("leech").resolve("payload.bin")), "nothing was written");
        }
    }

    @Test
    void aFailedWriteFailsTheCommitWithAStorageException(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("leech").resolve("payload.bin")); // a folder where the file goes
        try (Fixture fixture = Fixture.open(tmp, true)) {
            Future<Boolean> commit = fixture.commit(2, piece(2));
            fixture.loop().runUntilComplete(fixture.loop().createTask(() -> {
                assertThrows(StorageException.class, commit::await);
            }));
            assertInstanceOf(StorageException.class, commit.exception());
        }
    }

    @Test
    void withoutAThreadOfItsOwnTheCommitIsDoneInlineOnTheLoopThread(@TempDir Path tmp) throws Exception {
        try (Fixture fixture = Fixture.open(tmp, false)) {
            Future<Boolean> commit = fixture.commit(0, piece(0));
            assertTrue(commit.done(), "done before the loop ran at all");
            assertTrue(commit.result());
            assertArrayEquals(Arrays.copyOfRange(DATA, 0, PIECE),
                    Arrays.copyOfRange(Files.readAllBytes(tmp.resolve("leech").resolve("payload.bin")), 0, PIECE));
        }
    }

    /** The test payload's torrent with its storage in {@code tmp/leech}, a loop, and a disk thread, closed together. */
    private record Fixture(EventLoop loop, Storage storage, PieceVerifier verifier, PieceCommitter disk) implements AutoCloseable {
        static Fixture open(Path tmp, boolean ownThread) throws Exception {
            Metainfo metainfo = singleFile(tmp.resolve("seed"), "payload.bin", DATA, PIECE);
            EventLoop loop = new EventLoop();
            Storage storage = new Storage(metainfo, tmp.resolve("leech"), StorageOptions.DEFAULTS);
            return new Fixture(loop, storage, new PieceVerifier(storage, metainfo.pieceHashes()),
                    PieceCommitter.create(loop, ownThread));
        }

        Future<Boolean> commit(int piece, ByteBuffer data) {
            return disk.commit(verifier, storage, piece, data);
        }

        @Override
        public void close() throws Exception {
            disk.close();
            storage.close();
            loop.close();
        }
    }

    private static ByteBuffer piece(int piece) {
        return ByteBuffer.wrap(Arrays.copyOfRange(DATA, piece * PIECE, (piece + 1) * PIECE));
    }
}
