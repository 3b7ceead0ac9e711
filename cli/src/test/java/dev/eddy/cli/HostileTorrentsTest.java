package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostileTorrentsTest {
    @TempDir
    Path data;

    static Stream<Path> hostile() throws IOException {
        List<Path> torrents;
        try (Stream<Path> files = Files.list(CliRun.TESTDATA.resolve("hostile"))) {
            torrents = files.sorted().toList();
        }
        assertTrue(torrents.size() >= 16, "the committed hostile torrents are there");
        return torrents.stream();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void everyCommandFailsWithOneLineAndWritesNothing(Path torrent) throws IOException {
        List<Path> workingFolder = list(Path.of("").toAbsolutePath());
        for (CliRun run : List.of(
                CliRun.of("info", torrent.toString()),
                CliRun.of("info", "--json", torrent.toString()),
                CliRun.of("verify", torrent.toString(), data.toString()),
                CliRun.of("download", torrent.toString(), "-o", data.resolve("out").toString(), "-p", "0",
                        "--peer", "127.0.0.1:1", "--json"),
                CliRun.of("seed", torrent.toString(), data.toString(), "-p", "0"))) {
            assertEquals(1, run.code(), run.err());
            assertEquals("", run.out());
            String[] lines = run.errLines();
            assertEquals(1, lines.length, run.err());
            assertTrue(lines[0].startsWith("eddy: " + torrent + " is not a valid torrent ("), lines[0]);
            assertTrue(lines[0].endsWith("; it is damaged or hostile, so get the torrent again from its source"), lines[0]);
        }
        assertEquals(List.of(), list(data));
        assertEquals(workingFolder, list(Path.of("").toAbsolutePath()));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
