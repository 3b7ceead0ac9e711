package dev.eddy.torrent;

import static dev.eddy.torrent.metainfo.Bencode.dict;
import static dev.eddy.torrent.metainfo.Bencode.encode;
import static dev.eddy.torrent.metainfo.Bencode.list;

import dev.eddy.torrent.metainfo.TorrentBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Makes the contents of {@code testdata/}: deterministic payloads, their torrents (made with Eddy's
 * builder, 16 KiB pieces, no date, so the bytes never change), and hostile torrents for the
 * validation tests. Run by {@code testdata/make-testdata.sh}; a test regenerates everything into a
 * temporary folder and compares it with what is committed.
 */
public final class TestdataGenerator {
    /** The piece length of the generated torrents: small, so small payloads still have several pieces. */
    public static final int PIECE_LENGTH = 16 << 10;

    /** The {@code created by} of the generated torrents. */
    public static final String CREATED_BY = "Eddy testdata";

    private TestdataGenerator() {
    }

    /**
     * Writes the test data.
     *
     * @param args the output folder, normally {@code testdata}
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TestdataGenerator <output folder>");
            System.exit(2);
        }
        generate(Path.of(args[0]));
    }

    /**
     * Writes payloads, torrents and hostile torrents under a folder.
     *
     * @param out the folder
     * @throws IOException if writing fails
     */
    public static void generate(Path out) throws IOException {
        Random random = new Random(0xEDD1);
        Path payloads = Files.createDirectories(out.resolve("payloads"));
        Path torrents = Files.createDirectories(out.resolve("torrents"));
        Path hostile = Files.createDirectories(out.resolve("hostile"));

        // One file of two and a half pieces.
        write(payloads.resolve("single.bin"), bytes(random, 2 * PIECE_LENGTH + PIECE_LENGTH / 2));

        // Nested folders; sizes exactly on, one short of and one past a piece boundary; an empty file.
        Path folder = payloads.resolve("folder");
        write(folder.resolve("a-exact-piece.bin"), bytes(random, PIECE_LENGTH));
        write(folder.resolve("b-one-short.bin"), bytes(random, PIECE_LENGTH - 1));
        write(folder.resolve("empty.dat"), new byte[0]);
        write(folder.resolve("nested/c-one-past.bin"), bytes(random, PIECE_LENGTH + 1));
        write(folder.resolve("nested/deeper/d-small.txt"), "a small text file\n".getBytes(StandardCharsets.UTF_8));
        write(folder.resolve("nested/deeper/e-tail.bin"), bytes(random, 3000));

        for (String name : new String[] {"single.bin", "folder"}) {
            byte[] torrent = TorrentBuilder.of(payloads.resolve(name)).pieceLength(PIECE_LENGTH)
                    .trackerTier("http://127.0.0.1:6969/announce").createdBy(CREATED_BY).creationDate(null).build();
            write(torrents.resolve(name.replace(".bin", "") + ".torrent"), torrent);
        }

        for (Map.Entry<String, byte[]> entry : hostileTorrents(Files.readAllBytes(torrents.resolve("single.torrent"))).entrySet()) {
            write(hostile.resolve(entry.getKey() + ".torrent"), entry.getValue());
        }
    }

    /** Each hostile torrent by name; the names say what is wrong with them. */
    private static Map<String, byte[]> hostileTorrents(byte[] good) {
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("traversal-dotdot", multiFile("x", list("..", "..", "etc", "passwd")));
        hostile.put("traversal-absolute", multiFile("x", list("/etc/passwd")));
        hostile.put("traversal-backslash", multiFile("x", list("..\\..\\windows")));
        hostile.put("traversal-name", multiFile("..", list("a")));
        hostile.put("drive-letter", multiFile("x", list("C:", "evil")));
        hostile.put("nul-byte", multiFile("x", list("a\0b")));
        hostile.put("empty-component", multiFile("x", list("a", "", "b")));
        hostile.put("reserved-name", multiFile("x", list("CON")));
        hostile.put("overlong-name", multiFile("x", list("n".repeat(300))));
        hostile.put("duplicate-path", encode(dict("info", dict("name", "x", "piece length", (long) PIECE_LENGTH,
                "pieces", new byte[20], "files", list(file(1, "a"), file(1, "a"))))));
        hostile.put("lying-length", encode(dict("info", dict("name", "x", "piece length", (long) PIECE_LENGTH,
                "pieces", new byte[20], "length", 10L * PIECE_LENGTH))));
        hostile.put("negative-length", encode(dict("info", dict("name", "x", "piece length", (long) PIECE_LENGTH,
                "pieces", new byte[20], "length", -5L))));
        hostile.put("truncated", Arrays.copyOf(good, good.length / 2));
        hostile.put("string-2gib", ascii("d8:announce2147483648:http://"));
        hostile.put("string-2gib-in-info", ascii("d4:infod4:name2147483647:xee"));
        hostile.put("nested-10000", ascii("d4:info" + "l".repeat(10_000) + "e".repeat(10_000) + "e"));
        return hostile;
    }

    private static byte[] multiFile(String name, Object path) {
        return encode(dict("info", dict("name", name, "piece length", (long) PIECE_LENGTH, "pieces", new byte[20],
                "files", list(dict("length", 1L, "path", path)))));
    }

    private static Map<String, Object> file(long length, String name) {
        return dict("length", length, "path", list(name));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }
}
