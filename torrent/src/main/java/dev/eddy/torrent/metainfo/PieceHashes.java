package dev.eddy.torrent.metainfo;

import java.util.Arrays;
import java.util.Objects;

/**
 * The expected SHA-1 of every piece, as the {@code pieces} string of the info dictionary holds them:
 * 20 bytes a piece, back to back. Immutable.
 */
public final class PieceHashes {
    /** The length of one piece hash in bytes. */
    public static final int HASH_LENGTH = 20;

    private final byte[] concatenated;

    private PieceHashes(byte[] concatenated) {
        this.concatenated = concatenated;
    }

    /**
     * Wraps a copy of the concatenated hashes.
     *
     * @param concatenated 20 bytes a piece
     * @return the hashes
     * @throws IllegalArgumentException if the length is not a multiple of 20
     */
    public static PieceHashes of(byte[] concatenated) {
        if (concatenated.length % HASH_LENGTH != 0) {
            throw new IllegalArgumentException(
                    "piece hashes come 20 bytes each, but there are " + concatenated.length + " bytes");
        }
        return new PieceHashes(concatenated.clone());
    }

    /** {@return how many pieces there are} */
    public int count() {
        return concatenated.length / HASH_LENGTH;
    }

    /**
     * Compares a computed digest with the expected one, without allocating.
     *
     * @param piece the piece index
     * @param sha1 the 20-byte digest computed from the data
     * @return whether they are equal
     */
    public boolean matches(int piece, byte[] sha1) {
        int from = Objects.checkIndex(piece, count()) * HASH_LENGTH;
        return sha1.length == HASH_LENGTH
                && Arrays.equals(concatenated, from, from + HASH_LENGTH, sha1, 0, HASH_LENGTH);
    }

    /**
     * Returns one piece's expected hash.
     *
     * @param piece the piece index
     * @return a copy of its 20 bytes
     */
    public byte[] get(int piece) {
        Objects.checkIndex(piece, count());
        return Arrays.copyOfRange(concatenated, piece * HASH_LENGTH, (piece + 1) * HASH_LENGTH);
    }

    /** {@return a copy of all hashes, back to back, as they appear in the info dictionary} */
    public byte[] toBytes() {
        return concatenated.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PieceHashes that && Arrays.equals(concatenated, that.concatenated);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(concatenated);
    }

    @Override
    public String toString() {
        return count() + " piece hashes";
    }
}
