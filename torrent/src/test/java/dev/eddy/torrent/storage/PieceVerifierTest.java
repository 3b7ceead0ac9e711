package dev.eddy.torrent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.PieceHashes;
import dev.eddy.torrent.pieces.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceVerifierTest {
    @TempDir
    Path root;

    private static byte[] data(int length) {
        byte[] data = new byte[length];
        new Random(3).nextBytes(data);
        return data;
    }

    @Test
    void piecesLargerThanTheReadBufferAreHashedInChunks() throws IOException {
        int pieceLength = 2 * PieceVerifier.READ_SIZE;
        byte[] data = data(pieceLength + 1000);
        StorageLayout layout = Layouts.of(pieceLength, data.length);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            storage.write(0, 0, ByteBuffer.wrap(data, 0, pieceLength));
            storage.write(1, 0, ByteBuffer.wrap(data, pieceLength, 1000));
            Bitfield verified = new PieceVerifier(storage, Layouts.hashes(data, pieceLength)).recheck();
            assertTrue(verified.isComplete());
        }
    }

    @Test
    void manySmallPiecesPerReadWithAGapInTheMiddle() throws IOException {
        int pieceLength = 1024;
        byte[] data = data(100 * pieceLength + 10);
        StorageLayout layout = Layouts.of(pieceLength, 30 * pieceLength + 5, 70 * pieceLength + 5);
        PieceHashes hashes = Layouts.hashes(data, pieceLength);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            for (int piece = 0; piece < layout.pieceCount(); piece++) {
                if (piece != 50) {
                    storage.write(piece, 0, ByteBuffer.wrap(data, piece * pieceLength, layout.pieceSize(piece)));
                }
            }
            PieceVerifier verifier = new PieceVerifier(storage, hashes);
            Bitfield verified = verifier.recheck();
            assertEquals(layout.pieceCount() - 1, verified.cardinality());
            assertFalse(verified.get(50));
            verifier.releaseReadBuffer();
            assertEquals(verified, verifier.recheck(), "a released read buffer is made again when needed");
            Bitfield known = new Bitfield(layout.pieceCount());
            known.set(50); // trusted without hashing, as a resume file would say
            assertTrue(verifier.recheck(known).isComplete());
        }
    }

    @Test
    void piecesTouchingAFileThatIsNotThereAreMissingAndTheRestVerified() throws IOException {
        int pieceLength = 1024;
        byte[] data = data(100 * pieceLength + 10);
        StorageLayout layout = Layouts.of(pieceLength, 30 * pieceLength + 5, 70 * pieceLength + 5);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            for (int piece = 0; piece < layout.pieceCount(); piece++) {
                storage.write(piece, 0, ByteBuffer.wrap(data, piece * pieceLength, layout.pieceSize(piece)));
            }
            storage.close();
            Files.delete(storage.path(1));
            Bitfield verified = new PieceVerifier(storage, Layouts.hashes(data, pieceLength)).recheck();
            assertEquals(30, verified.cardinality(), "the pieces wholly inside the first file");
            assertEquals(29, verified.nextClearBit(0) - 1);
        }
    }

    @Test
    void aSlicedRecheckPausesAfterEachSliceOfHashedBytesAndSkipsTrustedPieces() throws IOException {
        int pieceLength = 64 * 1024;
        byte[] data = data(40 * pieceLength);
        StorageLayout layout = Layouts.of(pieceLength, data.length);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            for (int piece = 0; piece < layout.pieceCount(); piece++) {
                storage.write(piece, 0, ByteBuffer.wrap(data, piece * pieceLength, pieceLength));
            }
            PieceVerifier verifier = new PieceVerifier(storage, Layouts.hashes(data, pieceLength));
            int[] pauses = {0};
            Bitfield verified = verifier.recheck(new Bitfield(layout.pieceCount()), 1024 * 1024, () -> pauses[0]++);
            assertTrue(verified.isComplete());
            assertEquals(2, pauses[0], "2.5 MiB hashed in 1 MiB slices");
            Bitfield known = new Bitfield(layout.pieceCount());
            for (int piece = 0; piece < 36; piece++) {
                known.set(piece);
            }
            pauses[0] = 0;
            assertTrue(verifier.recheck(known, 1024 * 1024, () -> pauses[0]++).isComplete());
            assertEquals(0, pauses[0], "the 36 trusted pieces are not hashed, so 256 KiB make no full slice");
        }
    }

    @Test
    void verifiesAPieceInMemory() throws IOException {
        byte[] data = data(3000);
        StorageLayout layout = Layouts.of(2048, data.length);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            PieceVerifier verifier = new PieceVerifier(storage, Layouts.hashes(data, 2048));
            assertTrue(verifier.verify(1, ByteBuffer.wrap(data, 2048, 952)));
            assertFalse(verifier.verify(1, ByteBuffer.wrap(data, 2047, 952)));
            assertFalse(verifier.verify(0, ByteBuffer.wrap(data, 0, 100)));
        }
    }
}
