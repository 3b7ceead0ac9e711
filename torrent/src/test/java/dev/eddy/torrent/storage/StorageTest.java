package dev.eddy.torrent.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path root;

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void writesAPieceAcrossFilesAndReadsItBack() throws IOException {
        StorageLayout layout = Layouts.of(16, 5, 0, 7, 20);
        byte[] data = random(32, 1);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            storage.write(0, 0, ByteBuffer.wrap(data, 0, 16));
            storage.write(1, 0, ByteBuffer.wrap(data, 16, 16));
            ByteBuffer back = ByteBuffer.allocate(10);
            storage.read(0, 3, back);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 3, 13), back.array());
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 5), Files.readAllBytes(root.resolve("t/f0")));
        assertEquals(0, Files.size(root.resolve("t/f1")));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 5, 12), Files.readAllBytes(root.resolve("t/f2")));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 12, 32), Files.readAllBytes(root.resolve("t/f3")));
    }

    @Test
    void paddingFilesAreNeverWrittenAndReadAsZeros() throws IOException {
        StorageLayout layout = Layouts.of(8, 3, -5, 8);
        byte[] data = random(16, 2);
        java.util.Arrays.fill(data, 3, 8, (byte) 0);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            storage.write(0, 0, ByteBuffer.wrap(data, 0, 8));
            ByteBuffer back = ByteBuffer.allocate(8);
            storage.read(0, 0, back);
            assertArrayEquals(java.util.Arrays.copyOf(data, 8), back.array());
        }
        assertFalse(Files.exists(root.resolve("t/.pad")));
    }

    @Test
    void missingAndShortFilesAreMissingDataNotErrors() throws IOException {
        StorageLayout layout = Layouts.of(8, 8, 8);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            assertFalse(storage.readIfPresent(0, 0, ByteBuffer.allocate(8)));
            storage.write(1, 0, ByteBuffer.wrap(new byte[4]));
            assertTrue(storage.readIfPresent(1, 0, ByteBuffer.allocate(4)));
            assertFalse(storage.readIfPresent(1, 0, ByteBuffer.allocate(8)));
            MissingDataException e = assertThrows(MissingDataException.class, () -> storage.read(0, 0, ByteBuffer.allocate(1)));
            assertEquals(root.resolve("t/f0"), e.file());
        }
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfFilesOpen() throws IOException {
        StorageLayout layout = Layouts.of(4, 4, 4, 4, 4, 4);
        try (Storage storage = new Storage(layout, root, new StorageOptions(2, false, true))) {
            for (int piece = 0; piece < 5; piece++) {
                storage.write(piece, 0, ByteBuffer.wrap(new byte[] {(byte) piece, 1, 2, 3}));
                assertTrue(storage.openFileCount() <= 2);
            }
            for (int piece = 4; piece >= 0; piece--) {
                ByteBuffer back = ByteBuffer.allocate(4);
                storage.read(piece, 0, back);
                assertEquals(piece, back.get(0));
                assertTrue(storage.openFileCount() <= 2);
            }
        }
    }

    @Test
    void preallocationWritesFilesOutToFullSize() throws IOException {
        StorageLayout layout = Layouts.of(4, 10, 3);
        try (Storage storage = new Storage(layout, root, new StorageOptions(4, true, true))) {
            storage.write(0, 0, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        }
        assertEquals(10, Files.size(root.resolve("t/f0")));
    }

    @Test
    void refusesToWriteThroughAPreexistingSymlinkedFolder(@TempDir Path elsewhere) throws IOException {
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("t"), elsewhere);
        StorageLayout layout = Layouts.of(4, 4);
        try (Storage storage = new Storage(layout, root, StorageOptions.DEFAULTS)) {
            UnsafePathException e = assertThrows(UnsafePathException.class,
                    () -> storage.write(0, 0, ByteBuffer.wrap(new byte[4])));
            assertEquals(root.resolve("t"), e.file());
            assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        }
        try (var left = Files.list(elsewhere)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void refusesToWriteThroughAPreexistingSymlinkedFile(@TempDir Path elsewhere) throws IOException {
        Path target = elsewhere.resolve("victim");
        Files.write(target, new byte[] {9, 9, 9, 9});
        Files.createDirectories(root.resolve("t"));
        Files.createSymbolicLink(root.resolve("t/f0"), target);
        try (Storage storage = new Storage(Layouts.of(4, 4), root, StorageOptions.DEFAULTS)) {
            assertThrows(UnsafePathException.class, () -> storage.write(0, 0, ByteBuffer.wrap(new byte[4])));
            assertThrows(UnsafePathException.class, () -> storage.readIfPresent(0, 0, ByteBuffer.allocate(4)));
        }
        assertArrayEquals(new byte[] {9, 9, 9, 9}, Files.readAllBytes(target));
    }

    @Test
    void rejectsUnsafePathsUpFront() {
        var files = java.util.List.of(new dev.eddy.torrent.metainfo.TorrentFile(java.util.List.of("t", ".."), 4, 0, false));
        assertThrows(UnsafePathException.class, () -> new Storage(new StorageLayout(files, 4), root, StorageOptions.DEFAULTS));
    }

    @Test
    void aFullDiskIsATypedErrorNamingTheFile() throws IOException {
        // The kernel's own ENOSPC, from /dev/full, classified.
        IOException enospc;
        try (FileChannel full = FileChannel.open(Path.of("/dev/full"), StandardOpenOption.WRITE)) {
            enospc = assertThrows(IOException.class, () -> full.write(ByteBuffer.wrap(new byte[1])));
        }
        Path file = root.resolve("x");
        assertInstanceOf(DiskFullException.class, StorageException.classify(file, "write", enospc));

        // And through the storage's write path.
        FileChannel channel = mock(FileChannel.class);
        when(channel.write(any(ByteBuffer.class), anyLong())).thenThrow(enospc);
        try (Storage storage = new Storage(Layouts.of(4, 4), folderOpening(channel), StorageOptions.DEFAULTS)) {
            DiskFullException e = assertThrows(DiskFullException.class,
                    () -> storage.write(0, 0, ByteBuffer.wrap(new byte[4])));
            assertEquals(root.resolve("t/f0"), e.file());
            assertTrue(e.getMessage().contains("disk is full"), e.getMessage());
        }
    }

    @Test
    void aPermissionErrorIsATypedErrorNamingTheFile() throws IOException {
        FileChannel channel = mock(FileChannel.class);
        when(channel.write(any(ByteBuffer.class), anyLong())).thenThrow(new AccessDeniedException("t/f0"));
        try (Storage storage = new Storage(Layouts.of(4, 4), folderOpening(channel), StorageOptions.DEFAULTS)) {
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                    () -> storage.write(0, 0, ByteBuffer.wrap(new byte[4])));
            assertEquals(root.resolve("t/f0"), e.file());
        }
    }

    private DownloadFolder folderOpening(FileChannel channel) {
        return new DownloadFolder(root) {
            @Override
            FileChannel openForWrite(Path file) {
                return channel;
            }
        };
    }
}
