package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void completeDataExitsZero() {
        CliRun run = CliRun.of("verify", CliRun.testdata("torrents/folder.torrent"), CliRun.testdata("payloads"));
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("folder: 4 of 4 pieces verified (100%), 0 missing, 0 bad", lines.getFirst());
        assertEquals("  folder/a-exact-piece.bin           16.0 KiB    100%  complete", lines.get(2));
        assertEquals("complete", lines.getLast());
    }

    @Test
    void tellsMissingFromBadPiecesAndEachFilesCompleteness() throws IOException {
        Path data = copyPayloads();
        Path exact = data.resolve("folder/a-exact-piece.bin");
        byte[] bytes = Files.readAllBytes(exact);
        bytes[100] ^= 1;
        Files.write(exact, bytes);
        Files.delete(data.resolve("folder/nested/deeper/e-tail.bin"));
        Files.delete(data.resolve("folder/empty.dat"));

        CliRun run = CliRun.of("verify", "--json", CliRun.testdata("torrents/folder.torrent"), data.toString());
        assertEquals(1, run.code(), run.err());
        Map<String, Object> report = Json.object(run.out());
        assertEquals(List.of("name", "info_hash", "piece_count", "verified_count", "missing_count", "bad_count",
                "missing_pieces", "bad_pieces", "complete", "files"), List.copyOf(report.keySet()));
        assertEquals(4L, report.get("piece_count"));
        assertEquals(2L, report.get("verified_count"));
        assertEquals(List.of(List.of(3L, 3L)), report.get("missing_pieces"));
        assertEquals(List.of(List.of(0L, 0L)), report.get("bad_pieces"));
        assertEquals(false, report.get("complete"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) report.get("files");
        assertEquals(Map.of("path", "folder/a-exact-piece.bin", "size", 16_384L, "verified_bytes", 0L,
                "present", true, "complete", false), files.get(0));
        assertEquals(Map.of("path", "folder/empty.dat", "size", 0L, "verified_bytes", 0L,
                "present", false, "complete", false), files.get(2));
        assertEquals(true, files.get(3).get("complete"), "c-one-past.bin lies in pieces 1 and 2");

        CliRun text = CliRun.of("verify", CliRun.testdata("torrents/folder.torrent"), data.toString());
        assertEquals(1, text.code());
        List<String> lines = text.out().lines().toList();
        assertEquals("folder: 2 of 4 pieces verified (50.0%), 1 missing, 1 bad", lines.get(0));
        assertEquals("  missing pieces: 3", lines.get(1));
        assertEquals("  bad pieces:     0", lines.get(2));
        assertTrue(lines.contains("  folder/empty.dat                        0 B    100%  missing"), text.out());
        assertEquals("incomplete", lines.getLast());
    }

    @Test
    void anEmptyFolderHasEveryPieceMissing() throws IOException {
        CliRun run = CliRun.of("verify", "--json", CliRun.testdata("torrents/single.torrent"), dir.toString());
        assertEquals(1, run.code());
        Map<String, Object> report = Json.object(run.out());
        assertEquals(List.of(List.of(0L, 2L)), report.get("missing_pieces"));
        assertEquals(List.of(), report.get("bad_pieces"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "verify writes nothing");
        }
    }

    @Test
    void theDataPathMustBeAFolder() {
        CliRun file = CliRun.of("verify", CliRun.testdata("torrents/single.torrent"), CliRun.testdata("payloads/single.bin"));
        assertEquals(1, file.code());
        assertEquals(1, file.errLines().length);
        assertTrue(file.err().contains("is a file; DATA_PATH is the folder"), file.err());
        CliRun missing = CliRun.of("verify", CliRun.testdata("torrents/single.torrent"), dir.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such folder"), missing.err());
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        CliRun run = CliRun.of("verify", CliRun.testdata("torrents/single.torrent"));
        assertEquals(2, run.code());
        assertEquals("eddy verify: Missing required parameter: 'DATA_PATH' (see 'eddy verify --help')", run.err().strip());
    }

    private Path copyPayloads() throws IOException {
        Path source = CliRun.TESTDATA.resolve("payloads");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : walk.toList()) {
                Path to = dir.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }
}
