package dev.eddy.torrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.ExternalTool;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eddy's metainfo against mktorrent and libtorrent (Debian's python3-libtorrent): the same info
 * hashes, files and trackers both ways, and byte-identical output to mktorrent's.
 */
@Tag("interop")
class InteropTest {
    private static final Path MKTORRENT = Path.of("/usr/bin/mktorrent");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Path payload;

    @BeforeEach
    void makePayload() throws IOException {
        Random random = new Random(99);
        payload = temp.resolve("payload dir");
        int[] sizes = {70_000, 32_768, 1, 0, 5_000, 40_000};
        String[] names = {"a.bin", "sub/x", "sub.txt", "sub/empty", "ünï cödé/file name.dat", "Z/deep/er/tail"};
        for (int i = 0; i < names.length; i++) {
            byte[] data = new byte[sizes[i]];
            random.nextBytes(data);
            Path file = payload.resolve(names[i]);
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        }
    }

    private static String mktorrentVersion() {
        ExternalTool.require(MKTORRENT, "mktorrent");
        String banner = ExternalTool.run(TIMEOUT, null, MKTORRENT.toString(), "-h");
        return banner.lines().findFirst().orElseThrow().replaceAll(" \\(c\\).*", "");
    }

    private Path mktorrent(Path source, String... options) {
        ExternalTool.require(MKTORRENT, "mktorrent");
        Path out = temp.resolve("mk-" + System.nanoTime() + ".torrent");
        List<String> command = new ArrayList<>(List.of(MKTORRENT.toString(), "-d", "-o", out.toString()));
        command.addAll(List.of(options));
        command.add(source.toString());
        ExternalTool.run(TIMEOUT, null, command.toArray(String[]::new));
        return out;
    }

    private static List<String> libtorrent(String... arguments) {
        ExternalTool.requireLibtorrent();
        List<String> command = new ArrayList<>(List.of(ExternalTool.PYTHON.toString(), ExternalTool.libtorrentScript().toString()));
        command.addAll(List.of(arguments));
        return ExternalTool.run(TIMEOUT, null, command.toArray(String[]::new)).lines().toList();
    }

    /** Compares Eddy's parse of a torrent with libtorrent's, field by field. */
    private static Metainfo assertSameAsLibtorrent(Path torrent) throws Exception {
        Metainfo eddy = Metainfo.read(torrent);
        List<String> lt = libtorrent("info", torrent.toString());
        List<String> expected = new ArrayList<>();
        Set<String> trackers = new HashSet<>();
        List<String> eddyFiles = new ArrayList<>();
        for (String line : lt) {
            if (line.startsWith("file ")) {
                expected.add(line);
            } else if (line.startsWith("tracker ")) {
                trackers.add(line); // libtorrent shuffles each tier, as BEP 12 says
            }
        }
        for (TorrentFile f : eddy.files()) {
            eddyFiles.add("file " + f.length() + " " + f.offset() + " " + (f.padding() ? 1 : 0) + " " + f.displayPath());
        }
        assertTrue(lt.contains("infohash " + eddy.infoHash().hex()), () -> "libtorrent says " + lt + ", Eddy " + eddy);
        assertTrue(lt.contains("name " + eddy.name()));
        assertTrue(lt.contains("piece_length " + eddy.pieceLength()));
        assertTrue(lt.contains("num_pieces " + eddy.pieceCount()));
        assertTrue(lt.contains("total_size " + eddy.totalLength()));
        assertTrue(lt.contains("private " + (eddy.isPrivate() ? 1 : 0)));
        assertEquals(expected, eddyFiles);
        Set<String> eddyTrackers = new HashSet<>();
        List<List<String>> tiers = eddy.trackerTiers();
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (String url : tiers.get(tier)) {
                eddyTrackers.add("tracker " + tier + " " + url);
            }
        }
        assertEquals(trackers, eddyTrackers);
        return eddy;
    }

    @Test
    void eddyReadsMktorrentTorrentsAsLibtorrentDoes() throws Exception {
        Path torrent = mktorrent(payload, "-l", "15", "-a", "http://t1/a,http://t1b/a", "-a", "udp://t2:80",
                "-c", "a comment", "-p", "-w", "http://seed/");
        Metainfo m = assertSameAsLibtorrent(torrent);
        assertEquals(List.of("http://seed/"), m.urlList());
        assertEquals("a comment", m.comment().orElseThrow());
        try (Storage storage = new Storage(m, temp, StorageOptions.DEFAULTS)) {
            assertTrue(new PieceVerifier(storage, m.pieceHashes()).recheck().isComplete());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "hybrid"})
    void eddyReadsLibtorrentTorrentsAsLibtorrentDoes(String kind) throws Exception {
        Path torrent = temp.resolve("lt-" + kind + ".torrent");
        libtorrent("create", payload.toString(), torrent.toString(), kind, "16384");
        Metainfo m = assertSameAsLibtorrent(torrent);
        if (kind.equals("hybrid")) {
            assertTrue(m.files().stream().anyMatch(TorrentFile::padding), "hybrid torrents align files with BEP 47 padding");
        }
        // Padding files are never on disk, yet every piece verifies.
        try (Storage storage = new Storage(m, temp, StorageOptions.DEFAULTS)) {
            assertTrue(new PieceVerifier(storage, m.pieceHashes()).recheck().isComplete());
        }
    }

    @Test
    void libtorrentAcceptsEddysTorrentsWithTheSameInfoHashAndVerifiesTheData() throws Exception {
        Path torrent = temp.resolve("eddy.torrent");
        Metainfo m = TorrentBuilder.of(payload).pieceLength(16 << 10).trackerTier("http://a/", "http://b/")
                .trackerTier("udp://c:1").privateFlag(true).comment("from Eddy").webSeed("http://w/").writeTo(torrent);
        assertSameAsLibtorrent(torrent);
        List<String> check = libtorrent("check", torrent.toString(), temp.toString());
        assertTrue(check.contains("pieces " + m.pieceCount() + " of " + m.pieceCount()), check::toString);
    }

    @Test
    void eddysOutputIsByteIdenticalToMktorrentsForAFolder() throws Exception {
        Path mk = mktorrent(payload, "-l", "15", "-a", "http://t1/a,http://t1b/a", "-a", "udp://t2:80",
                "-c", "a comment", "-p", "-w", "http://seed1/", "-w", "http://seed2/");
        byte[] eddy = TorrentBuilder.of(payload).pieceLength(1 << 15).trackerTier("http://t1/a", "http://t1b/a")
                .trackerTier("udp://t2:80").comment("a comment").privateFlag(true).webSeed("http://seed1/")
                .webSeed("http://seed2/").createdBy(mktorrentVersion()).creationDate(null).build();
        assertArrayEquals(Files.readAllBytes(mk), eddy, () -> "mktorrent: "
                + new String(readQuietly(mk), StandardCharsets.ISO_8859_1) + "\neddy:      "
                + new String(eddy, StandardCharsets.ISO_8859_1));
    }

    @Test
    void eddysOutputIsByteIdenticalToMktorrentsForOneFileWithItsDefaultPieceLength() throws Exception {
        Path file = payload.resolve("a.bin");
        Path mk = mktorrent(file, "-a", "http://only/announce");
        byte[] eddy = TorrentBuilder.of(file).pieceLength(1 << 18).trackerTier("http://only/announce")
                .createdBy(mktorrentVersion()).creationDate(null).build();
        assertArrayEquals(Files.readAllBytes(mk), eddy);
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
