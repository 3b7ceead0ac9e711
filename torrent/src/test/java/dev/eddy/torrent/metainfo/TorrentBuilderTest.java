package dev.eddy.torrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentBuilderTest {
    @TempDir
    Path temp;

    private Path folder() throws IOException {
        Path root = temp.resolve("payload");
        Files.createDirectories(root.resolve("sub"));
        Files.write(root.resolve("sub.txt"), new byte[20_000]);
        Files.write(root.resolve("sub/x"), "x".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("Sub2"), new byte[17_000]);
        Files.write(root.resolve(".hidden"), new byte[3]);
        Files.write(root.resolve("sub/empty"), new byte[0]);
        return root;
    }

    @Test
    void buildsAMultiFileTorrentInMktorrentOrder() throws IOException {
        Metainfo m = TorrentBuilder.of(folder()).pieceLength(16 << 10).creationDate(Instant.ofEpochSecond(1000))
                .trackerTier("http://a/announce", "http://b/announce").trackerTier("udp://c:1").privateFlag(true)
                .comment("hello").webSeed("http://seed/").buildMetainfo();
        assertEquals(List.of(".hidden", "Sub2", "sub.txt", "sub/empty", "sub/x"),
                m.files().stream().map(f -> String.join("/", f.path().subList(1, f.path().size()))).toList());
        assertEquals("payload", m.name());
        assertEquals(37_004, m.totalLength());
        assertEquals(3, m.pieceCount());
        assertEquals(Optional.of("http://a/announce"), m.announce());
        assertEquals(List.of(List.of("http://a/announce", "http://b/announce"), List.of("udp://c:1")), m.announceList());
        assertTrue(m.isPrivate());
        assertEquals(Optional.of("hello"), m.comment());
        assertEquals(Optional.of(TorrentBuilder.DEFAULT_CREATED_BY), m.createdBy());
        assertEquals(Optional.of(Instant.ofEpochSecond(1000)), m.creationDate());
        assertEquals(List.of("http://seed/"), m.urlList());
    }

    @Test
    void itsPieceHashesVerifyTheSourceInPlace() throws IOException {
        Path folder = folder();
        Metainfo m = TorrentBuilder.of(folder).pieceLength(16 << 10).buildMetainfo();
        try (Storage storage = new Storage(m, temp, StorageOptions.DEFAULTS)) {
            assertTrue(new PieceVerifier(storage, m.pieceHashes()).recheck().isComplete());
        }
    }

    @Test
    void singleTrackerMeansNoAnnounceListAndOneWebSeedIsAString() throws IOException {
        Path file = Files.write(temp.resolve("one.bin"), new byte[100]);
        byte[] torrent = TorrentBuilder.of(file).trackerTier("http://only/").webSeed("http://w/").createdBy(null)
                .creationDate(null).build();
        String text = new String(torrent, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("d8:announce12:http://only/4:infod6:lengthi100e4:name7:one.bin12:piece lengthi16384e6:pieces20:"), text);
        assertTrue(text.endsWith("e8:url-list9:http://w/e"), text);
    }

    @Test
    void autoPieceLengthKeepsThePieceCountNearTheTarget() {
        assertEquals(16 << 10, TorrentBuilder.autoPieceLength(1));
        assertEquals(16 << 10, TorrentBuilder.autoPieceLength(2048L * (16 << 10)));
        assertEquals(32 << 10, TorrentBuilder.autoPieceLength(2048L * (16 << 10) + 1));
        assertEquals(512 << 10, TorrentBuilder.autoPieceLength(1L << 30));
        assertEquals(16 << 20, TorrentBuilder.autoPieceLength(1L << 50));
    }

    @Test
    void refusesEmptySourcesAndBadPieceLengths() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Files.write(empty.resolve("zero"), new byte[0]);
        assertThrows(IOException.class, () -> TorrentBuilder.of(empty).build());
        assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.of(empty).pieceLength(20_000));
        assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.of(empty).pieceLength(8192));
    }
}
