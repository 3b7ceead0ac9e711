package dev.eddy.torrent.tracker;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20-byte id a client announces itself with. Eddy's own are Azureus style: {@code -ED0001-}
 * (client code and version) followed by twelve random bytes.
 *
 * @param bytes the 20 id bytes; the record keeps its own copy
 */
public record PeerId(byte[] bytes) {
    /** The length of a peer id in bytes. */
    public static final int LENGTH = 20;

    /** Eddy's client prefix: client code {@code ED}, version 0.0.0.1. */
    public static final String EDDY_PREFIX = "-ED0001-";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks the length and copies the bytes. */
    public PeerId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a peer id has 20 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** A fresh Eddy peer id: the prefix and twelve random bytes. */
    public static PeerId generate() {
        byte[] id = new byte[LENGTH];
        byte[] prefix = EDDY_PREFIX.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        byte[] tail = new byte[LENGTH - prefix.length];
        RANDOM.nextBytes(tail);
        System.arraycopy(tail, 0, id, prefix.length, tail.length);
        return new PeerId(id);
    }

    /** {@return a copy of the 20 id bytes} */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether this id was made by Eddy (it starts with {@link #EDDY_PREFIX}). */
    public boolean isEddy() {
        return new String(bytes, 0, EDDY_PREFIX.length(), StandardCharsets.US_ASCII).equals(EDDY_PREFIX);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The id in hex, since its bytes are often not printable. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
