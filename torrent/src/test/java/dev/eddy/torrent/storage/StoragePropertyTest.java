package dev.eddy.torrent.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.PieceHashes;
import dev.eddy.torrent.pieces.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random file layouts and piece sizes (fixed seed): write the pieces in random order and in random
 * block splits, read every piece back, then recheck from disk.
 */
class StoragePropertyTest {
    @TempDir
    Path temp;

    @Test
    void randomLayoutsRoundTripAndVerify() throws IOException {
        Random random = new Random(20261122);
        long directBytes = 0;
        for (int round = 0; round < 60; round++) {
            int pieceLength = 1 << (4 + random.nextInt(12)); // up to 32 KiB: pieces that direct writes can take
            int fileCount = 1 + random.nextInt(8);
            long[] sizes = new long[fileCount];
            long total = 0;
            for (int i = 0; i < fileCount; i++) {
                int kind = random.nextInt(6);
                sizes[i] = kind == 0 ? 0 : kind == 1 ? pieceLength : random.nextInt(3 * pieceLength + 1);
                if (kind == 2 && i < fileCount - 1) {
                    sizes[i] = -sizes[i]; // a padding file
                }
                total += Math.abs(sizes[i]);
            }
            if (total == 0) {
                continue;
            }
            StorageLayout layout = Layouts.of(pieceLength, sizes);
            byte[] data = new byte[(int) total];
            random.nextBytes(data);
            for (int i = 0; i < fileCount; i++) {
                if (layout.files().get(i).padding()) {
                    java.util.Arrays.fill(data, (int) layout.files().get(i).offset(), (int) layout.files().get(i).end(), (byte) 0);
                }
            }
            PieceHashes hashes = Layouts.hashes(data, pieceLength);
            Path root = Files.createDirectory(temp.resolve("r" + round));
            int maxOpen = 1 + random.nextInt(3);

            boolean fromAlignedBuffers = random.nextBoolean();
            try (Storage storage = new Storage(layout, root,
                    new StorageOptions(maxOpen, random.nextBoolean(), random.nextBoolean()))) {
                List<Integer> order = new ArrayList<>();
                for (int p = 0; p < layout.pieceCount(); p++) {
                    order.add(p);
                }
                Collections.shuffle(order, random);
                PieceVerifier verifier = new PieceVerifier(storage, hashes);
                for (int piece : order) {
                    int size = layout.pieceSize(piece);
                    int offset = 0;
                    ByteBuffer source = ByteBuffer.wrap(data, piece * pieceLength, size).slice();
                    if (fromAlignedBuffers) {
                        source = Storage.allocateWritable(pieceLength).put(source).flip();
                    }
                    while (offset < size) {
                        int block = 1 + random.nextInt(size - offset);
                        storage.write(piece, offset, source.slice(offset, block));
                        offset += block;
                    }
                    ByteBuffer back = ByteBuffer.allocate(size);
                    storage.read(piece, 0, back);
                    assertArrayEquals(java.util.Arrays.copyOfRange(data, piece * pieceLength, piece * pieceLength + size),
                            back.array(), "round " + round + " piece " + piece);
                    assertTrue(verifier.verify(piece, back.flip()));
                }
                storage.flush();
                directBytes += storage.directBytesWritten();
                Bitfield all = verifier.recheck();
                assertTrue(all.isComplete(), "round " + round + ": " + all);

                // Damage one byte of a real file: exactly the pieces over it fail.
                int victim = -1;
                for (int i = 0; i < fileCount; i++) {
                    if (!layout.files().get(i).padding() && layout.files().get(i).length() > 0) {
                        victim = i;
                    }
                }
                if (victim < 0) {
                    continue; // only padding and empty files: no byte on disk to damage
                }
                long at = layout.files().get(victim).offset();
                storage.write((int) (at / pieceLength), (int) (at % pieceLength), ByteBuffer.wrap(new byte[] {(byte) ~data[(int) at]}));
                Bitfield damaged = verifier.recheck();
                assertEquals(layout.pieceCount() - 1, damaged.cardinality());
                assertFalse(damaged.get((int) (at / pieceLength)));
            }
        }
        assertEquals(Layouts.directIoWorksIn(temp), directBytes > 0, "direct writes taken where the file system allows");
    }
}
