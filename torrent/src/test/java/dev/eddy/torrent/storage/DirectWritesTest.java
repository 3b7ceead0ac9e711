package dev.eddy.torrent.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pieces written bypassing the page cache, where alignment and the file system allow, and the fallbacks. */
class DirectWritesTest {
    private static final int PIECE = 16384;

    @TempDir
    Path root;

    @Test
    void alignedBuffersAreAligned() {
        for (int capacity : new int[] {1, 4096, 16384, 1 << 20, 12345}) {
            ByteBuffer buffer = Storage.allocateWritable(capacity);
            assertEquals(capacity, buffer.capacity());
            assertEquals(capacity, buffer.limit());
            assertEquals(0, buffer.alignmentOffset(0, DirectWrites.ALIGNMENT));
        }
    }

    @Test
    void wholePiecesGoDirectAndAShortLastPieceOnlyItsAlignedPart() throws IOException {
        byte[] data = random(2 * PIECE + 7232, 1);
        try (Storage storage = new Storage(Layouts.of(PIECE, data.length), root, StorageOptions.DEFAULTS)) {
            writePieces(storage, data);
            assertEquals(Layouts.directIoWorksIn(root) ? 2 * PIECE + 4096 : 0, storage.directBytesWritten());
            assertArrayEquals(data, readAll(storage, data.length));
        }
        assertArrayEquals(data, Files.readAllBytes(root.resolve("t/f0")));
    }

    @Test
    void fileEdgesOffTheBoundariesGoThroughThePageCache() throws IOException {
        // f0 and f1 start where piece memory is aligned; f1's end in piece 1 and all of f2 are not whole units.
        long[] sizes = {8192, 12288, 3000};
        byte[] data = random(8192 + 12288 + 3000, 2);
        try (Storage storage = new Storage(Layouts.of(PIECE, sizes), root, StorageOptions.DEFAULTS)) {
            writePieces(storage, data);
            assertEquals(Layouts.directIoWorksIn(root) ? 8192 + 8192 + 4096 : 0, storage.directBytesWritten());
        }
        assertArrayEquals(Arrays.copyOfRange(data, 0, 8192), Files.readAllBytes(root.resolve("t/f0")));
        assertArrayEquals(Arrays.copyOfRange(data, 8192, 20480), Files.readAllBytes(root.resolve("t/f1")));
        assertArrayEquals(Arrays.copyOfRange(data, 20480, data.length), Files.readAllBytes(root.resolve("t/f2")));
    }

    @Test
    void memoryAndFileOutOfStepGoThroughThePageCache() throws IOException {
        // f1 starts 1000 bytes into piece 0: its file offsets and the buffer's addresses never align together.
        long[] sizes = {1000, 3 * PIECE};
        byte[] data = random(1000 + 3 * PIECE, 3);
        try (Storage storage = new Storage(Layouts.of(PIECE, sizes), root, StorageOptions.DEFAULTS)) {
            writePieces(storage, data);
            assertEquals(0, storage.directBytesWritten());
        }
        assertArrayEquals(Arrays.copyOfRange(data, 1000, data.length), Files.readAllBytes(root.resolve("t/f1")));
    }

    @Test
    void heapBuffersAndTheOptionOffGoThroughThePageCache() throws IOException {
        byte[] data = random(2 * PIECE, 4);
        try (Storage storage = new Storage(Layouts.of(PIECE, data.length), root, StorageOptions.DEFAULTS)) {
            storage.write(0, 0, ByteBuffer.wrap(data, 0, PIECE));
            assertEquals(0, storage.directBytesWritten());
        }
        try (Storage storage = new Storage(Layouts.of(PIECE, data.length), root,
                StorageOptions.DEFAULTS.withDirectWrites(false))) {
            writePieces(storage, data);
            assertEquals(0, storage.directBytesWritten());
            assertEquals(1, storage.openFileCount());
        }
        assertArrayEquals(data, Files.readAllBytes(root.resolve("t/f0")));
    }

    @Test
    void aFileSystemThatRefusesDirectIoIsAskedOnceAndWrittenThroughThePageCache() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        DownloadFolder refusing = new DownloadFolder(root) {
            @Override
            FileChannel openForDirectWrite(Path file) throws StorageException {
                asked.incrementAndGet();
                throw StorageException.classify(file, "open for direct writing", new IOException("Invalid argument"));
            }
        };
        assertAllThroughThePageCache(refusing, random(3 * PIECE, 5));
        assertEquals(1, asked.get());
    }

    @Test
    void aDirectWriteThatFailsIsRedoneThroughThePageCache() throws IOException {
        FileChannel failing = mock(FileChannel.class);
        when(failing.write(any(ByteBuffer.class), anyLong())).thenThrow(new IOException("Input/output error"));
        assertAllThroughThePageCache(new DownloadFolder(root) {
            @Override
            FileChannel openForDirectWrite(Path file) {
                return failing;
            }
        }, random(2 * PIECE, 6));
    }

    @Test
    void aFullDiskStillReportsAsAFullDisk() throws IOException {
        FileChannel full = mock(FileChannel.class);
        when(full.write(any(ByteBuffer.class), anyLong())).thenThrow(new IOException("No space left on device"));
        DownloadFolder folder = new DownloadFolder(root) {
            @Override
            FileChannel openForDirectWrite(Path file) {
                return full;
            }

            @Override
            FileChannel openForWrite(Path file) {
                return full;
            }
        };
        try (Storage storage = new Storage(Layouts.of(PIECE, PIECE), folder, StorageOptions.DEFAULTS)) {
            ByteBuffer piece = Storage.allocateWritable(PIECE);
            assertThrows(DiskFullException.class, () -> storage.write(0, 0, piece));
        }
    }

    /** Writes one file's pieces from aligned buffers and checks that none went direct and all arrived. */
    private void assertAllThroughThePageCache(DownloadFolder folder, byte[] data) throws IOException {
        try (Storage storage = new Storage(Layouts.of(PIECE, data.length), folder, StorageOptions.DEFAULTS)) {
            writePieces(storage, data);
            assertEquals(0, storage.directBytesWritten());
        }
        assertArrayEquals(data, Files.readAllBytes(root.resolve("t/f0")));
    }

    /** Writes each piece from a buffer of {@link Storage#allocateWritable}, as the client does. */
    private static void writePieces(Storage storage, byte[] data) throws StorageException {
        for (int piece = 0; piece * PIECE < data.length; piece++) {
            int length = Math.min(PIECE, data.length - piece * PIECE);
            ByteBuffer buffer = Storage.allocateWritable(PIECE);
            buffer.put(data, piece * PIECE, length).flip();
            storage.write(piece, 0, buffer);
            assertEquals(length, buffer.position());
        }
    }

    private static byte[] readAll(Storage storage, int length) throws StorageException {
        byte[] back = new byte[length];
        for (int piece = 0; piece * PIECE < length; piece++) {
            ByteBuffer into = ByteBuffer.wrap(back, piece * PIECE, Math.min(PIECE, length - piece * PIECE));
            storage.read(piece, 0, into);
        }
        return back;
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
