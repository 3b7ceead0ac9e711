package dev.eddy.torrent.metainfo;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * SHA-1 from the system's OpenSSL ({@code libcrypto.so.3}), called through the foreign function API.
 *
 * <p>It is no faster than the JDK's SHA-1 compiled by C2, but it is native code from the first byte,
 * so a short-lived process can leave the C2 compiler out ({@code -XX:TieredStopAtLevel=1}); without
 * C2 the JDK's SHA-1 runs eight times slower. Data is hashed where it lies, heap arrays included (a
 * critical call), so nothing is copied. The context lives in memory the garbage collector frees.
 *
 * <p>Only {@code SHA1_Update} is linked. What {@code SHA1_Init} and {@code SHA1_Final} do is done
 * here, over OpenSSL's public {@code SHA_CTX} struct ({@code openssl/sha.h}): the JVM generates and
 * compiles a class for every downcall it links, and linking those two as well cost a C1-only JVM
 * about 15 ms of CPU at start-up (measured), in a short-lived process. Starting is writing SHA-1's
 * initial state into the context; finishing is feeding SHA-1's padding through {@code SHA1_Update}
 * and reading the state out.
 */
final class NativeSha1Hasher implements Sha1Hasher {
    /**
     * {@code sizeof(SHA_CTX)}: {@code SHA_LONG h0, h1, h2, h3, h4; SHA_LONG Nl, Nh; SHA_LONG data[16];
     * unsigned int num}, where a {@code SHA_LONG} is 32 bits in the platform's byte order.
     */
    private static final int CONTEXT_SIZE = 96;
    /** SHA-1's initial {@code h0} to {@code h4} (FIPS 180-4, 5.3.1), the context's first five words. */
    private static final int[] INITIAL_STATE = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    private static final int BLOCK_SIZE = 64;
    /** The message length closing the padding: a 64-bit count of bits. */
    private static final int LENGTH_SIZE = Long.BYTES;
    private static final Optional<MethodHandle> UPDATE = link();

    private final MemorySegment context = Arena.ofAuto().allocate(CONTEXT_SIZE, 8);
    /** The context's words, through a buffer: value-layout var handles cost a starting JVM 3 ms more. */
    private final ByteBuffer words = context.asByteBuffer().order(ByteOrder.nativeOrder());
    /** The padding of the last block, at its longest: 0x80, 63 zeros, and the message length. */
    private final byte[] padding = new byte[BLOCK_SIZE + LENGTH_SIZE];
    /** Bytes hashed since the last digest; the padding ends with their count in bits, modulo 2^64. */
    private long length;

    private NativeSha1Hasher() {
        reset();
    }

    /**
     * A hasher, if libcrypto's SHA-1 can be called: the library is there and the application has
     * enabled native access for Eddy's code (otherwise the JDK would warn on the first call).
     *
     * @return the hasher, or empty
     */
    static Optional<Sha1Hasher> create() {
        return UPDATE.map(update -> new NativeSha1Hasher());
    }

    @Override
    public void update(ByteBuffer data) {
        MemorySegment bytes = MemorySegment.ofBuffer(data);
        feed(bytes);
        length += bytes.byteSize();
        data.position(data.limit());
    }

    @Override
    public void digest(byte[] into) {
        if (into.length != PieceHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("a SHA-1 digest takes 20 bytes, not " + into.length);
        }
        // 0x80, then zeros up to 8 bytes short of a block's end, then the length in bits, big-endian.
        int paddingLength = BLOCK_SIZE - (int) Long.remainderUnsigned(length, BLOCK_SIZE);
        if (paddingLength < 1 + LENGTH_SIZE) {
            paddingLength += BLOCK_SIZE;
        }
        Arrays.fill(padding, (byte) 0);
        padding[0] = (byte) 0x80;
        ByteBuffer.wrap(padding).putLong(paddingLength - LENGTH_SIZE, length * Byte.SIZE);
        feed(MemorySegment.ofArray(padding).asSlice(0, paddingLength));
        ByteBuffer digest = ByteBuffer.wrap(into);
        for (int word = 0; word < INITIAL_STATE.length; word++) {
            digest.putInt(words.getInt(word * Integer.BYTES));
        }
        reset();
    }

    @Override
    public void reset() {
        context.fill((byte) 0);
        for (int word = 0; word < INITIAL_STATE.length; word++) {
            words.putInt(word * Integer.BYTES, INITIAL_STATE[word]);
        }
        length = 0;
    }

    private void feed(MemorySegment bytes) {
        int ok;
        try {
            ok = (int) UPDATE.orElseThrow().invokeExact(context, bytes, bytes.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException("libcrypto's SHA1_Update failed", e);
        }
        if (ok != 1) {
            throw new IllegalStateException("libcrypto's SHA1_Update reported failure");
        }
    }

    private static Optional<MethodHandle> link() {
        if (!NativeSha1Hasher.class.getModule().isNativeAccessEnabled()) {
            return Optional.empty();
        }
        try {
            SymbolLookup crypto = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
            // int SHA1_Update(SHA_CTX *c, const void *data, size_t len)
            return Optional.of(Linker.nativeLinker().downcallHandle(crypto.find("SHA1_Update").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG),
                    Linker.Option.critical(true)));
        } catch (RuntimeException e) {
            return Optional.empty(); // no libcrypto.so.3 (or no such symbol) here, or no linker for this platform
        }
    }
}
