package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
    @Test
    void printsTheFolderTorrentAsTextWithAFileTree() {
        CliRun run = CliRun.of("info", CliRun.testdata("torrents/folder.torrent"));
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(
                "name:        folder",
                "info hash:   2bf69c3ce0c289f00c2f4a910b9978d76dcc763e",
                "total size:  50.9 KiB (52,170 bytes) in 6 files",
                "pieces:      4 of 16.0 KiB",
                "private:     no",
                "created by:  Eddy testdata",
                "trackers:    tier 1: http://127.0.0.1:6969/announce",
                "web seeds:   none",
                "files:",
                "  folder/              50.9 KiB",
                "    a-exact-piece.bin  16.0 KiB",
                "    b-one-short.bin    16.0 KiB",
                "    empty.dat               0 B",
                "    nested/            18.9 KiB",
                "      c-one-past.bin   16.0 KiB",
                "      deeper/          2.95 KiB",
                "        d-small.txt        18 B",
                "        e-tail.bin     2.93 KiB"), run.out().lines().toList());
    }

    @Test
    void jsonHasEveryFieldAndTheFlatFileList() {
        CliRun run = CliRun.of("info", "--json", CliRun.testdata("torrents/folder.torrent"));
        assertEquals(0, run.code(), run.err());
        assertEquals(1, run.out().lines().count());
        Map<String, Object> info = Json.object(run.out());
        assertEquals(List.of("name", "info_hash", "total_size", "piece_size", "piece_count", "private", "comment",
                "created_by", "creation_date", "trackers", "web_seeds", "files"), List.copyOf(info.keySet()));
        assertEquals("folder", info.get("name"));
        assertEquals("2bf69c3ce0c289f00c2f4a910b9978d76dcc763e", info.get("info_hash"));
        assertEquals(52_170L, info.get("total_size"));
        assertEquals(16_384L, info.get("piece_size"));
        assertEquals(4L, info.get("piece_count"));
        assertEquals(false, info.get("private"));
        assertEquals(null, info.get("comment"));
        assertEquals(List.of(List.of("http://127.0.0.1:6969/announce")), info.get("trackers"));
        assertEquals(List.of(), info.get("web_seeds"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) info.get("files");
        assertEquals(6, files.size());
        assertEquals(Map.of("path", "folder/a-exact-piece.bin", "size", 16_384L), files.getFirst());
        assertEquals(52_170L, files.stream().mapToLong(file -> (Long) file.get("size")).sum());
    }

    @Test
    void singleFileTorrentListsItsOneFile() {
        CliRun run = CliRun.of("info", CliRun.testdata("torrents/single.torrent"));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("info hash:   3c752fe28b242052c16d208d69677fc4e76073ae"), run.out());
        assertTrue(run.out().endsWith("files:\n  single.bin  40.0 KiB\n"), run.out());
    }

    @Test
    void aMissingTorrentIsOneLineAndExitOne() {
        CliRun run = CliRun.of("info", "/nonexistent/x.torrent");
        assertEquals(1, run.code());
        assertEquals(1, run.errLines().length, run.err());
        assertEquals("eddy: /nonexistent/x.torrent: no such file; give the path of a .torrent file", run.errLines()[0]);
        assertEquals("", run.out());
    }

    @Test
    void aMagnetLinkIsNotSupportedYet() {
        CliRun run = CliRun.of("info", "magnet:?xt=urn:btih:2bf69c3ce0c289f00c2f4a910b9978d76dcc763e");
        assertEquals(1, run.code());
        assertEquals("eddy: magnet links are not supported yet; give the path of a .torrent file", run.err().strip());
    }

    @Test
    void aFolderIsNotATorrent() {
        CliRun run = CliRun.of("info", CliRun.testdata("payloads"));
        assertEquals(1, run.code());
        assertTrue(run.err().strip().endsWith("is a folder; give the path of a .torrent file"), run.err());
    }

    @Test
    void withoutATorrentItIsAUsageError() {
        CliRun run = CliRun.of("info");
        assertEquals(2, run.code());
        assertEquals("eddy info: Missing required parameter: 'TORRENT' (see 'eddy info --help')", run.err().strip());
    }
}
