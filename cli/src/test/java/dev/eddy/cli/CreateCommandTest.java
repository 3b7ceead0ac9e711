package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheTorrentWithEveryOptionAndPrintsItsInfoHash() throws Exception {
        Path torrent = dir.resolve("folder.torrent");
        CliRun run = CliRun.of("create", CliRun.testdata("payloads/folder"), "-o", torrent.toString(),
                "-t", "http://a.example/announce", "-t", "http://b.example/announce, udp://c.example:80",
                "--piece-size", "32k", "--private", "--comment", "made by a test",
                "--web-seed", "http://w.example/1/", "--web-seed", "http://w.example/2/");
        assertEquals(0, run.code(), run.err());
        Metainfo metainfo = Metainfo.read(torrent);
        assertEquals(metainfo.infoHash().hex() + "\n", run.out());
        assertEquals("eddy: wrote " + torrent + ": 50.9 KiB in 6 files, 2 pieces of 32.0 KiB\n", run.err());
        assertEquals(List.of(List.of("http://a.example/announce"), List.of("http://b.example/announce", "udp://c.example:80")),
                metainfo.trackerTiers());
        assertEquals(32 << 10, metainfo.pieceLength());
        assertTrue(metainfo.isPrivate());
        assertEquals(Optional.of("made by a test"), metainfo.comment());
        assertEquals(List.of("http://w.example/1/", "http://w.example/2/"), metainfo.urlList());
        assertEquals("folder", metainfo.name());
        assertEquals(List.of(torrent), list(dir), "no temporary file is left beside it");
    }

    @Test
    void theSameContentAndPieceSizeGiveTheCommittedTorrentsInfoHash() {
        // The info dictionary holds only name, files, piece length and hashes, so it matches the testdata's.
        CliRun run = CliRun.of("-q", "create", CliRun.testdata("payloads/single.bin"), "-o", dir.resolve("s.torrent").toString(),
                "--piece-size", "16k");
        assertEquals(0, run.code(), run.err());
        assertEquals("3c752fe28b242052c16d208d69677fc4e76073ae\n", run.out());
        assertEquals("", run.err(), "--quiet leaves only the info hash");
    }

    @Test
    void aCreatedTorrentVerifiesAgainstItsData() {
        String torrent = dir.resolve("f.torrent").toString();
        assertEquals(0, CliRun.of("create", CliRun.testdata("payloads/folder"), "-o", torrent).code());
        CliRun verify = CliRun.of("verify", torrent, CliRun.testdata("payloads"));
        assertEquals(0, verify.code(), verify.out() + verify.err());
    }

    @Test
    void refusesToOverwriteUnlessForced() throws IOException {
        Path torrent = Files.writeString(dir.resolve("x.torrent"), "keep me");
        CliRun run = CliRun.of("create", CliRun.testdata("payloads/single.bin"), "-o", torrent.toString());
        assertEquals(1, run.code());
        assertEquals("eddy: " + torrent + " already exists; pass --force to overwrite it or -o to write elsewhere", run.err().strip());
        assertEquals("keep me", Files.readString(torrent));
        assertEquals(0, CliRun.of("create", CliRun.testdata("payloads/single.bin"), "-o", torrent.toString(), "--force").code());
        assertFalse(new String(Files.readAllBytes(torrent), java.nio.charset.StandardCharsets.ISO_8859_1).equals("keep me"));
    }

    @Test
    void badPieceSizesAreUsageErrors() {
        for (String size : List.of("3000", "8k", "1T", "lots")) {
            CliRun run = CliRun.of("create", CliRun.testdata("payloads/single.bin"), "-o", dir.resolve("x.torrent").toString(),
                    "--piece-size", size);
            assertEquals(2, run.code(), size);
            assertEquals(1, run.errLines().length, run.err());
            assertTrue(run.err().startsWith("eddy create: "), run.err());
        }
        assertEquals(List.of(), list(dir));
    }

    @Test
    void aMissingSourceWritesNothing() {
        CliRun run = CliRun.of("create", dir.resolve("nothing-here").toString(), "-o", dir.resolve("x.torrent").toString());
        assertEquals(1, run.code());
        assertEquals("eddy: " + dir.resolve("nothing-here") + ": no such file or folder; give the file or folder to share",
                run.err().strip());
        assertEquals(List.of(), list(dir));
    }

    @Test
    void anEmptyFolderHasNothingToShare() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun run = CliRun.of("create", empty.toString(), "-o", dir.resolve("x.torrent").toString());
        assertEquals(1, run.code());
        assertEquals("eddy: " + empty + " holds no data to share", run.err().strip());
        assertEquals(List.of(empty), list(dir));
    }

    @Test
    void refusesToWriteTheTorrentInsideTheFolderItDescribes() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("share"));
        Files.writeString(folder.resolve("a.txt"), "hello");
        CliRun run = CliRun.of("create", folder.toString(), "-o", folder.resolve("share.torrent").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("is inside"), run.err());
        assertEquals(List.of(folder.resolve("a.txt")), list(folder));
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theTorrentBytesMatchAcrossRuns() throws IOException {
        // Without a creation date the output would be byte-identical; with one, the info dictionary still is.
        Path one = dir.resolve("1.torrent");
        Path two = dir.resolve("2.torrent");
        CliRun.of("create", CliRun.testdata("payloads/folder"), "-o", one.toString());
        CliRun.of("create", CliRun.testdata("payloads/folder"), "-o", two.toString());
        try {
            assertArrayEquals(Metainfo.read(one).infoBytes(), Metainfo.read(two).infoBytes());
        } catch (dev.eddy.torrent.metainfo.InvalidTorrentException e) {
            throw new AssertionError(e);
        }
    }
}
