package dev.eddy.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.InvalidTorrentException;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed {@code testdata/}: reproducible, parseable, verifiable, and hostile where meant to be. */
class TestdataTest {
    /** Surefire runs in the module's folder; the test data sits beside it. */
    static final Path TESTDATA = Path.of("..", "testdata").toAbsolutePath().normalize();

    @Test
    void theCommittedFilesAreExactlyWhatTheGeneratorMakes(@TempDir Path temp) throws IOException {
        TestdataGenerator.generate(temp);
        List<Path> generated = files(temp);
        assertEquals(generated, files(TESTDATA).stream()
                .filter(p -> !p.toString().equals("README.md") && !p.toString().endsWith(".sh")).toList());
        for (Path file : generated) {
            assertArrayEquals(Files.readAllBytes(temp.resolve(file)), Files.readAllBytes(TESTDATA.resolve(file)),
                    file + " differs from what the generator makes now: run testdata/make-testdata.sh");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "folder"})
    void theTorrentsParseAndVerifyAgainstTheirPayloads(String name) throws Exception {
        Metainfo metainfo = Metainfo.read(TESTDATA.resolve("torrents/" + name + ".torrent"));
        try (Storage storage = new Storage(metainfo, TESTDATA.resolve("payloads"), StorageOptions.DEFAULTS)) {
            assertTrue(new PieceVerifier(storage, metainfo.pieceHashes()).recheck().isComplete());
        }
        if (name.equals("folder")) {
            assertTrue(metainfo.files().stream().anyMatch(f -> f.length() == 0), "the folder has an empty file");
            assertEquals(4, metainfo.pieceCount());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "traversal-dotdot|info.files[0].path[0]: \"..\" would leave the download folder",
        "traversal-absolute|contains a path separator",
        "traversal-backslash|contains a path separator",
        "traversal-name|info.name: \"..\" would leave the download folder",
        "drive-letter|Windows drive",
        "nul-byte|NUL byte",
        "empty-component|info.files[0].path[1]: an empty name",
        "reserved-name|reserved device name",
        "overlong-name|longer than the 255 bytes",
        "duplicate-path|\"x/a\" appears twice",
        "lying-length|holds 1 hashes, but 163840 bytes in pieces of 16384 make 10 pieces",
        "negative-length|info.length is negative",
        "truncated|truncated",
        "string-2gib|larger than the whole file",
        "string-2gib-in-info|larger than the whole file",
        "nested-10000|nest more than 32 levels",
    })
    void theHostileTorrentsAreRejectedWithTheirReason(String name, String reason) {
        Path torrent = TESTDATA.resolve("hostile/" + name + ".torrent");
        assertTrue(Files.exists(torrent), torrent::toString);
        InvalidTorrentException e = assertThrows(InvalidTorrentException.class, () -> Metainfo.read(torrent));
        assertTrue(e.getMessage().contains(reason), () -> name + ": " + e.getMessage());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
