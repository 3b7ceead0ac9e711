package dev.eddy.torrent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.pieces.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume: a torrent of three files (16 KiB pieces) is "downloaded" into a second folder piece by
 * piece, with the resume file saved along the way, and reopened as a restart would.
 */
class ResumeDataTest {
    private static final int PIECE = 16 << 10;

    @TempDir
    Path source;

    @TempDir
    Path download;

    private Metainfo metainfo;
    private byte[] data;
    private Path resumeFile;

    @BeforeEach
    void makeTorrent() throws IOException {
        Random random = new Random(7);
        Path folder = Files.createDirectory(source.resolve("t"));
        int[] sizes = {40_000, 30_000, 5_000};
        data = new byte[Arrays.stream(sizes).sum()];
        random.nextBytes(data);
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            Files.write(folder.resolve("f" + i), Arrays.copyOfRange(data, offset, offset + sizes[i]));
            offset += sizes[i];
        }
        metainfo = TorrentBuilder.of(folder).pieceLength(PIECE).creationDate(null).buildMetainfo();
        resumeFile = ResumeData.defaultPath(download, metainfo.infoHash());
    }

    private void writePieces(Storage storage, int... pieces) throws StorageException {
        for (int piece : pieces) {
            storage.write(piece, 0, ByteBuffer.wrap(data, piece * PIECE, metainfo.pieceSize(piece)));
        }
    }

    private Bitfield bits(int... pieces) {
        Bitfield b = new Bitfield(metainfo.pieceCount());
        for (int p : pieces) {
            b.set(p);
        }
        return b;
    }

    @Test
    void aCaptureSavedOnAnotherThreadSyncsWhatWasWrittenAndIsTrustedOnReopen() throws Exception {
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            writePieces(storage, 0, 1, 2, 3, 4);
            ResumeCapture capture = ResumeCapture.begin(metainfo.infoHash(), storage, bits(0, 1, 2, 3, 4));
            assertEquals(List.of(), storage.takeUnsynced(), "the capture took the files to sync");
            ResumeData[] saved = new ResumeData[1];
            Thread saver = Thread.ofPlatform().start(() -> {
                try {
                    saved[0] = capture.save(resumeFile);
                } catch (StorageException e) {
                    throw new AssertionError(e);
                }
            });
            saver.join();
            assertEquals(Optional.of(saved[0]), ResumeData.read(resumeFile, metainfo));
        }
        try (Storage reopened = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            assertEquals(bits(0, 1, 2, 3, 4), ResumeData.read(resumeFile, metainfo).orElseThrow().trustedPieces(reopened));
        }
    }

    @Test
    void anAbandonedCaptureLeavesItsFilesForTheNextSync() throws Exception {
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            writePieces(storage, 0);
            ResumeCapture capture = ResumeCapture.begin(metainfo.infoHash(), storage, bits(0));
            writePieces(storage, 4);
            capture.abandon();
            assertEquals(List.of(0, 1, 2), storage.takeUnsynced());
        }
    }

    @Test
    void encodesAndDecodesExactly() throws IOException {
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            writePieces(storage, 0, 2);
            ResumeData resume = ResumeData.capture(metainfo.infoHash(), storage, bits(0, 2));
            resume.write(resumeFile);
            assertEquals(Optional.of(resume), ResumeData.read(resumeFile, metainfo));
            assertEquals(Optional.of(resume), ResumeData.decode(resume.encode(), metainfo));
        }
    }

    @Test
    void damagedTruncatedOrForeignResumeFilesAreIgnored() throws IOException {
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            byte[] good = ResumeData.capture(metainfo.infoHash(), storage, bits(1)).encode();
            for (int i = 0; i < good.length; i++) {
                byte[] flipped = good.clone();
                flipped[i] ^= 0x10;
                assertEquals(Optional.empty(), ResumeData.decode(flipped, metainfo), "byte " + i);
            }
            for (int length = 0; length < good.length; length++) {
                assertEquals(Optional.empty(), ResumeData.decode(Arrays.copyOf(good, length), metainfo));
            }
            assertEquals(Optional.empty(), ResumeData.read(resumeFile, metainfo));
        }
    }

    @Test
    void restartTrustsVouchedPiecesOnlyWhileTheirFilesAreUnchanged() throws IOException {
        int all = metainfo.pieceCount();
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            writePieces(storage, 0, 1, 2, 3, 4);
            ResumeData.capture(metainfo.infoHash(), storage, bits(0, 1, 2, 3, 4)).write(resumeFile);
        }
        // Nothing changed on disk: every vouched piece is trusted without hashing.
        Path f0 = download.resolve("t/f0");
        FileTime before = Files.getLastModifiedTime(f0);
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            Optional<ResumeData> resume = ResumeData.read(resumeFile, metainfo);
            assertTrue(resume.isPresent());
            assertEquals(bits(0, 1, 2, 3, 4), resume.get().trustedPieces(storage));
            assertEquals(all, new PieceVerifier(storage, metainfo.pieceHashes()).recheck(resume).cardinality());
        }

        // Change f1's mtime: every piece touching f1 (pieces 2 to 4) is rehashed; 0 and 1 are trusted.
        Files.setLastModifiedTime(download.resolve("t/f1"), FileTime.fromMillis(before.toMillis() - 10_000));
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            ResumeData resume = ResumeData.read(resumeFile, metainfo).orElseThrow();
            assertEquals(bits(0, 1), resume.trustedPieces(storage));
            // Piece 3 really is damaged now: the recheck finds it.
            storage.write(3, 100, ByteBuffer.wrap(new byte[] {(byte) ~data[3 * PIECE + 100]}));
            Bitfield verified = new PieceVerifier(storage, metainfo.pieceHashes()).recheck(Optional.of(resume));
            assertFalse(verified.get(3));
            assertEquals(all - 1, verified.cardinality());
        }
    }

    @Test
    void aKillBeforeTheResumeFileIsWrittenLosesNothingAndClaimsNothing() throws IOException {
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            writePieces(storage, 0);
            ResumeData.capture(metainfo.infoHash(), storage, bits(0)).write(resumeFile);
            // Piece 1 is written and verified, piece 2 only half written, then the process dies
            // before the next resume save; a stray temp file from an interrupted save is left too.
            writePieces(storage, 1);
            storage.write(2, 0, ByteBuffer.wrap(data, 2 * PIECE, PIECE / 2));
            Files.write(download.resolve(resumeFile.getFileName() + "123.tmp"), new byte[] {1, 2, 3});
        }
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            Optional<ResumeData> resume = ResumeData.read(resumeFile, metainfo);
            Bitfield verified = new PieceVerifier(storage, metainfo.pieceHashes()).recheck(resume);
            assertEquals(bits(0, 1), verified);
        }
    }

    @Test
    void missingFilesMeanMissingPieces() throws IOException {
        try (Storage storage = new Storage(metainfo, download, StorageOptions.DEFAULTS)) {
            assertEquals(0, new PieceVerifier(storage, metainfo.pieceHashes()).recheck().cardinality());
            writePieces(storage, 4);
            assertEquals(bits(4), new PieceVerifier(storage, metainfo.pieceHashes()).recheck(Optional.empty()));
        }
    }
}
