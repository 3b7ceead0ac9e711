package dev.eddy.torrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Sha1#of} gives the standard answers through whichever hasher {@link Sha1#newHasher} picks. */
class Sha1Test {

    @Test
    void knownAnswers() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d",
                HexFormat.of().formatHex(Sha1.of("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", HexFormat.of().formatHex(Sha1.of(new byte[0])));
    }

    @Test
    void agreesWithTheJdkOnMoreThanABlock() {
        byte[] data = new byte[(1 << 20) + 7];
        new Random(3).nextBytes(data);
        assertArrayEquals(Sha1HasherTest.jdkSha1(data), Sha1.of(data));
    }
}
