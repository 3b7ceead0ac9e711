package dev.eddy.torrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both SHA-1 hashers give the standard answers, from every kind of buffer, and can be reused. The
 * native one pads and finishes in Java, so its answers are checked against the JDK's around every
 * padding boundary.
 */
class Sha1HasherTest {
    /** Around the padding's boundaries (55 bytes leave room for the length in the block, 56 do not), and big. */
    private static final int[] LENGTHS = {0, 1, 55, 56, 63, 64, 65, 119, 120, 1 << 20, (1 << 20) + 7};

    static List<Supplier<Sha1Hasher>> hashers() {
        return List.of(Sha1::jdkHasher, () -> NativeSha1Hasher.create().orElseThrow());
    }

    @Test
    void theTestJvmHasNativeAccessAndLibcryptoSoTheNativeHasherIsChosen() {
        // The build enables native access for tests, and libcrypto.so.3 comes with the interop packages.
        assertInstanceOf(NativeSha1Hasher.class, Sha1.newHasher());
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void knownAnswersFromHeapReadOnlyAndDirectBuffers(Supplier<Sha1Hasher> make) {
        Sha1Hasher hasher = make.get();
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        for (ByteBuffer data : List.of(ByteBuffer.wrap(abc), ByteBuffer.wrap(abc).asReadOnlyBuffer(),
                ByteBuffer.allocateDirect(3).put(abc).flip())) {
            assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", digest(hasher, data));
            assertEquals(data.limit(), data.position(), "the bytes are consumed");
        }
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", digest(hasher, ByteBuffer.allocate(0)));
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void oneHasherReusedGivesTheJdksAnswerForEveryLengthAroundThePadding(Supplier<Sha1Hasher> make) {
        Sha1Hasher hasher = make.get();
        Random random = new Random(7);
        for (int length : LENGTHS) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(jdkSha1(data), hash(hasher, data), length + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void unevenChunksFromHeapSlicedDirectAndReadOnlyBuffersAddUpToTheWhole(Supplier<Sha1Hasher> make) {
        Sha1Hasher hasher = make.get();
        Random random = new Random(11);
        int[] chunkLengths = {1, 0, 63, 7, 64, 65, 200, 4101, 55, 9};
        for (int length : LENGTHS) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            int from = 0;
            for (int chunk = 0; from < length; chunk++) {
                int size = Math.min(chunkLengths[chunk % chunkLengths.length], length - from);
                ByteBuffer part = switch (chunk % 4) {
                    case 0 -> ByteBuffer.wrap(data, from, size); // a position that is not zero
                    case 1 -> ByteBuffer.wrap(data, from, size).slice(); // an array offset that is not zero
                    case 2 -> ByteBuffer.allocateDirect(size).put(data, from, size).flip();
                    default -> ByteBuffer.wrap(data, from, size).asReadOnlyBuffer();
                };
                hasher.update(part);
                assertEquals(part.limit(), part.position(), "the bytes are consumed");
                from += size;
            }
            byte[] out = new byte[20];
            hasher.digest(out);
            assertArrayEquals(jdkSha1(data), out, length + " bytes in chunks");
        }
    }

    @ParameterizedTest
    @MethodSource("hashers")
    void partsAddUpToTheWholeAndResetDropsWhatCameBefore(Supplier<Sha1Hasher> make) {
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        String whole = HexFormat.of().formatHex(jdkSha1(data));
        Sha1Hasher hasher = make.get();
        hasher.update(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        hasher.reset();
        hasher.update(ByteBuffer.wrap(data, 0, 1000));
        hasher.update(ByteBuffer.wrap(data, 1000, data.length - 1000).slice());
        byte[] out = new byte[20];
        hasher.digest(out);
        assertEquals(whole, HexFormat.of().formatHex(out));
        assertArrayEquals(jdkSha1(data), hash(hasher, data), "a digest leaves the hasher ready for the next message");
        assertThrows(IllegalArgumentException.class, () -> hasher.digest(new byte[19]));
    }

    /** {@return the JDK's SHA-1 of the bytes, the reference the hashers are held to} */
    static byte[] jdkSha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hash(Sha1Hasher hasher, byte[] data) {
        hasher.update(ByteBuffer.wrap(data));
        byte[] out = new byte[20];
        hasher.digest(out);
        return out;
    }

    private static String digest(Sha1Hasher hasher, ByteBuffer data) {
        hasher.update(data);
        byte[] out = new byte[20];
        hasher.digest(out);
        return HexFormat.of().formatHex(out);
    }
}
