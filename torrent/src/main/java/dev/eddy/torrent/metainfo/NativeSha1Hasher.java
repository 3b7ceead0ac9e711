package dev.eddy.torrent.metainfo;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * SHA-1 from the system's OpenSSL ({@code libcrypto.so.3}), called through the foreign function API.
 *
 * <p>It is no faster than the JDK's SHA-1 compiled by C2, but it is native code from the first byte,
 * so a short-lived process can leave the C2 compiler out ({@code -XX:TieredStopAtLevel=1}); without
 * C2 the JDK's SHA-1 runs eight times slower. Data is hashed where it lies, heap arrays included (a
 * critical call), so nothing is copied. The context lives in memory the garbage collector frees.
 */
final class NativeSha1Hasher implements Sha1Hasher {
    /** {@code sizeof(SHA_CTX)}: five words of state, a 64-bit length, a 64-byte block and a count. */
    private static final long CONTEXT_SIZE = 96;
    private static final Optional<Functions> FUNCTIONS = link();

    private final MemorySegment context = Arena.ofAuto().allocate(CONTEXT_SIZE, 8);

    private NativeSha1Hasher() {
        call(FUNCTIONS.orElseThrow().init(), context);
    }

    /**
     * A hasher, if libcrypto's SHA-1 can be called: the library is there and the application has
     * enabled native access for Eddy's code (otherwise the JDK would warn on the first call).
     *
     * @return the hasher, or empty
     */
    static Optional<Sha1Hasher> create() {
        return FUNCTIONS.map(functions -> new NativeSha1Hasher());
    }

    @Override
    public void update(ByteBuffer data) {
        MemorySegment bytes = MemorySegment.ofBuffer(data);
        try {
            int ok = (int) FUNCTIONS.orElseThrow().update().invokeExact(context, bytes, bytes.byteSize());
            check(ok);
        } catch (Throwable e) {
            throw failure(e);
        }
        data.position(data.limit());
    }

    @Override
    public void digest(byte[] into) {
        if (into.length != PieceHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("a SHA-1 digest takes 20 bytes, not " + into.length);
        }
        try {
            int ok = (int) FUNCTIONS.orElseThrow().finish().invokeExact(MemorySegment.ofArray(into), context);
            check(ok);
        } catch (Throwable e) {
            throw failure(e);
        }
        reset();
    }

    @Override
    public void reset() {
        call(FUNCTIONS.orElseThrow().init(), context);
    }

    private static void call(MethodHandle init, MemorySegment context) {
        try {
            check((int) init.invokeExact(context));
        } catch (Throwable e) {
            throw failure(e);
        }
    }

    private static void check(int ok) {
        if (ok != 1) {
            throw new IllegalStateException("libcrypto's SHA-1 reported failure");
        }
    }

    private static IllegalStateException failure(Throwable e) {
        return e instanceof IllegalStateException known ? known : new IllegalStateException("libcrypto's SHA-1 failed", e);
    }

    /** {@code SHA1_Init}, {@code SHA1_Update} and {@code SHA1_Final}, bound once per JVM. */
    private record Functions(MethodHandle init, MethodHandle update, MethodHandle finish) {
    }

    private static Optional<Functions> link() {
        if (!NativeSha1Hasher.class.getModule().isNativeAccessEnabled()) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup crypto = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
            Linker.Option critical = Linker.Option.critical(true);
            // int SHA1_Init(SHA_CTX *c); int SHA1_Update(SHA_CTX *c, const void *data, size_t len);
            // int SHA1_Final(unsigned char *md, SHA_CTX *c)
            MethodHandle init = linker.downcallHandle(crypto.find("SHA1_Init").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            MethodHandle update = linker.downcallHandle(crypto.find("SHA1_Update").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG), critical);
            MethodHandle finish = linker.downcallHandle(crypto.find("SHA1_Final").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), critical);
            return Optional.of(new Functions(init, update, finish));
        } catch (RuntimeException e) {
            return Optional.empty(); // no libcrypto.so.3 (or no such symbol) here, or no linker for this platform
        }
    }
}
