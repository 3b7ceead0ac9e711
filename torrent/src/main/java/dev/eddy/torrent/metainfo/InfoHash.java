package dev.eddy.torrent.metainfo;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20-byte SHA-1 that names a torrent: the hash of the exact bencoded bytes of its {@code info}
 * dictionary.
 *
 * @param bytes the 20 hash bytes; the record keeps its own copy
 */
public record InfoHash(byte[] bytes) {
    /** The length of a v1 info hash in bytes. */
    public static final int LENGTH = 20;

    /**
     * Checks the length and copies the bytes, so the record stays immutable.
     *
     * @param bytes the 20 hash bytes
     */
    public InfoHash {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info hash has 20 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses 40 hexadecimal digits, either case.
     *
     * @param hex the digits
     * @return the hash
     * @throws IllegalArgumentException if {@code hex} is not exactly 40 hex digits
     */
    public static InfoHash fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a hex info hash has 40 digits, not " + hex.length());
        }
        return new InfoHash(HexFormat.of().parseHex(hex));
    }

    /** {@return a copy of the 20 hash bytes} */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the hash as 40 lower-case hex digits} */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
