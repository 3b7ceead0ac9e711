package dev.eddy.torrent.metainfo;

import static dev.eddy.torrent.metainfo.Bencode.dict;
import static dev.eddy.torrent.metainfo.Bencode.encode;
import static dev.eddy.torrent.metainfo.Bencode.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetainfoTest {
    private static byte[] hashes(int pieces) {
        return new byte[pieces * 20];
    }

    private static Map<String, Object> singleInfo() {
        return dict("name", "file.bin", "piece length", 16384L, "length", 40000L, "pieces", hashes(3));
    }

    private static Map<String, Object> multiInfo(Object files) {
        return dict("name", "folder", "piece length", 16384L, "files", files, "pieces", hashes(1));
    }

    private static Map<String, Object> file(long length, Object... path) {
        return dict("length", length, "path", list(path));
    }

    private static Metainfo parse(Map<String, Object> root) throws InvalidTorrentException {
        return Metainfo.parse(encode(root));
    }

    @Test
    void parsesSingleFileTorrentWithEveryOptionalKey() throws Exception {
        Metainfo m = parse(dict("announce", "http://a/announce",
                "announce-list", list(list("http://a/announce", "http://b/announce"), list(), list("udp://c:80")),
                "comment", "hi", "created by", "test 1", "creation date", 1700000000L,
                "url-list", "http://seed/", "info", singleInfo()));
        assertEquals("file.bin", m.name());
        assertEquals(16384, m.pieceLength());
        assertEquals(3, m.pieceCount());
        assertEquals(40000 - 2 * 16384, m.pieceSize(2));
        assertEquals(40000, m.totalLength());
        assertFalse(m.multiFile());
        assertEquals(List.of(new TorrentFile(List.of("file.bin"), 40000, 0, false)), m.files());
        assertEquals(Optional.of("http://a/announce"), m.announce());
        assertEquals(List.of(List.of("http://a/announce", "http://b/announce"), List.of("udp://c:80")), m.announceList());
        assertEquals(m.announceList(), m.trackerTiers());
        assertEquals(Optional.of(Instant.ofEpochSecond(1700000000L)), m.creationDate());
        assertEquals(Optional.of("hi"), m.comment());
        assertEquals(Optional.of("test 1"), m.createdBy());
        assertEquals(List.of("http://seed/"), m.urlList());
        assertFalse(m.isPrivate());
    }

    @Test
    void parsesMultiFileTorrentWithOffsetsPaddingAndPrivateFlag() throws Exception {
        Map<String, Object> info = multiInfo(list(
                file(10000, "a", "one.bin"),
                dict("length", 6384L, "path", list(".pad", "6384"), "attr", "p"),
                file(0, "empty"),
                file(100, "b.txt")));
        info.put("pieces", hashes(2));
        info.put("private", 1L);
        Metainfo m = parse(dict("info", info, "url-list", list("http://w1/", "http://w2/")));
        assertTrue(m.multiFile());
        assertTrue(m.isPrivate());
        assertEquals(16484, m.totalLength());
        assertEquals(List.of(
                new TorrentFile(List.of("folder", "a", "one.bin"), 10000, 0, false),
                new TorrentFile(List.of("folder", ".pad", "6384"), 6384, 10000, true),
                new TorrentFile(List.of("folder", "empty"), 0, 16384, false),
                new TorrentFile(List.of("folder", "b.txt"), 100, 16384, false)), m.files());
        assertEquals(List.of("http://w1/", "http://w2/"), m.urlList());
        assertEquals(List.of(), m.trackerTiers());
    }

    @Test
    void prefersUtf8NamesAndPaths() throws Exception {
        Map<String, Object> info = multiInfo(list(dict("length", 5L, "path", list("bad"), "path.utf-8", list("héllo"))));
        info.put("name.utf-8", "földer");
        Metainfo m = parse(dict("info", info));
        assertEquals("földer", m.name());
        assertEquals(List.of("földer", "héllo"), m.files().getFirst().path());
    }

    @Test
    void infoHashIsTheHashOfTheExactInfoBytesEvenWhenKeysAreUnsorted() throws Exception {
        // Keys out of order: a re-encoding would sort them and change the hash.
        byte[] info = "d6:pieces20:aaaaaaaaaaaaaaaaaaaa4:name1:x6:lengthi5e12:piece lengthi16384ee"
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream torrent = new ByteArrayOutputStream();
        torrent.writeBytes("d4:info".getBytes(StandardCharsets.US_ASCII));
        torrent.writeBytes(info);
        torrent.write('e');
        Metainfo m = Metainfo.parse(torrent.toByteArray());
        assertArrayEquals(info, m.infoBytes());
        assertEquals(new InfoHash(Sha1.of(info)), m.infoHash());
    }

    static Stream<Arguments> invalidTorrents() {
        Map<String, Object> noPieces = singleInfo();
        noPieces.remove("pieces");
        Map<String, Object> oddPieces = singleInfo();
        oddPieces.put("pieces", new byte[59]);
        Map<String, Object> wrongCount = singleInfo();
        wrongCount.put("pieces", hashes(2));
        Map<String, Object> zeroPiece = singleInfo();
        zeroPiece.put("piece length", 0L);
        Map<String, Object> negative = singleInfo();
        negative.put("length", -1L);
        Map<String, Object> both = singleInfo();
        both.put("files", list(file(1, "x")));
        Map<String, Object> neither = singleInfo();
        neither.remove("length");
        Map<String, Object> nameType = singleInfo();
        nameType.put("name", 5L);
        Map<String, Object> overflow = multiInfo(list(file(Long.MAX_VALUE, "a"), file(Long.MAX_VALUE, "b")));
        Map<String, Object> emptyTotal = multiInfo(list(file(0, "a")));
        emptyTotal.put("pieces", new byte[0]);
        return Stream.of(
                Arguments.of(dict("announce", "x"), "info is missing"),
                Arguments.of(dict("info", list()), "info must be a dictionary, but is a list"),
                Arguments.of(dict("info", noPieces), "info.pieces is missing"),
                Arguments.of(dict("info", oddPieces), "not a multiple of 20"),
                Arguments.of(dict("info", wrongCount), "holds 2 hashes, but 40000 bytes in pieces of 16384 make 3"),
                Arguments.of(dict("info", zeroPiece), "piece length is 0"),
                Arguments.of(dict("info", negative), "info.length is negative"),
                Arguments.of(dict("info", both), "both length and files"),
                Arguments.of(dict("info", neither), "neither length nor files"),
                Arguments.of(dict("info", nameType), "info.name must be a string, but is an integer"),
                Arguments.of(dict("info", multiInfo(list())), "info.files is an empty list"),
                Arguments.of(dict("info", multiInfo(list(file(1, "a"), file(1, "a")))), "\"folder/a\" appears twice"),
                Arguments.of(dict("info", multiInfo(list(file(1, "a"), file(1, "a", "b")))), "\"folder/a\" is both a file and a folder"),
                Arguments.of(dict("info", multiInfo(list(file(1, "a", "b"), file(1, "a")))), "\"folder/a\" is both a file and a folder"),
                Arguments.of(dict("info", multiInfo(list(dict("length", 1L, "path", list())))), "info.files[0].path is an empty list"),
                Arguments.of(dict("info", multiInfo(list(dict("length", 1L)))), "info.files[0].path is missing"),
                Arguments.of(dict("info", overflow), "more than 2^63"),
                Arguments.of(dict("info", emptyTotal), "every file is empty"),
                Arguments.of(dict("info", multiInfo(list(file(1, "ok"), file(1, "..", "etc", "passwd")))), "info.files[1].path[0]: \"..\" would leave"),
                Arguments.of(dict("info", multiInfo(list(file(1, "/etc/passwd")))), "contains a path separator"),
                Arguments.of(dict("info", multiInfo(list(file(1, "a\\..\\b")))), "contains a path separator"),
                Arguments.of(dict("info", multiInfo(list(file(1, "C:evil")))), "Windows drive"),
                Arguments.of(dict("info", multiInfo(list(file(1, "nul\0byte")))), "NUL byte"),
                Arguments.of(dict("info", multiInfo(list(file(1, "")))), "an empty name"),
                Arguments.of(dict("info", multiInfo(list(file(1, "com1.txt")))), "reserved device name"),
                Arguments.of(dict("info", multiInfo(list(file(1, "x".repeat(256))))), "longer than the 255 bytes"),
                Arguments.of(dict("info", dict("name", "..", "piece length", 16384L, "length", 1L, "pieces", hashes(1))), "info.name: \"..\""),
                Arguments.of(dict("info", singleInfo(), "announce-list", list("not a tier")), "announce-list[0] must be a list"),
                Arguments.of(dict("info", singleInfo(), "creation date", "yesterday"), "creation date must be an integer"));
    }

    @ParameterizedTest
    @MethodSource("invalidTorrents")
    void rejectsInvalidTorrentsWithAnActionableMessage(Map<String, Object> torrent, String message) {
        InvalidTorrentException e = assertThrows(InvalidTorrentException.class, () -> parse(torrent));
        assertTrue(e.getMessage().contains(message), () -> "expected \"" + message + "\" in: " + e.getMessage());
    }

    @Test
    void rejectsTopLevelThatIsNotADictionary() {
        InvalidTorrentException e = assertThrows(InvalidTorrentException.class, () -> Metainfo.parse(encode(list())));
        assertTrue(e.getMessage().contains("must be a bencoded dictionary"), e.getMessage());
    }

    @Test
    void integerTooLargeForALongIsATypedError() {
        byte[] torrent = "d4:infod6:lengthi9999999999999999999e4:name1:x12:piece lengthi1e6:pieces0:ee"
                .getBytes(StandardCharsets.US_ASCII);
        InvalidTorrentException e = assertThrows(InvalidTorrentException.class, () -> Metainfo.parse(torrent));
        assertTrue(e.getMessage().contains("info.length is 9999999999999999999, too large for 64 bits"), e.getMessage());
    }
}
