package dev.eddy.torrent.pieces;

import java.util.Arrays;
import java.util.Objects;

/**
 * One bit per piece, as the peer wire's BITFIELD message lays them out: piece 0 is the high bit of
 * the first byte, and the spare bits after the last piece are zero. Mutable; not thread-safe.
 */
public final class Bitfield {
    private final int size;
    private final long[] words;
    private int cardinality;

    /**
     * Creates a bitfield with every bit clear.
     *
     * @param size the number of pieces
     */
    public Bitfield(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
    }

    /**
     * Decodes the wire form, rejecting a wrong length or set spare bits (the peer wire says a peer
     * that sends either should be dropped).
     *
     * @param bytes the packed bits, piece 0 first, high bit first
     * @param size the number of pieces
     * @return the bitfield
     * @throws IllegalArgumentException if the length is not {@code ceil(size / 8)} or a spare bit is set
     */
    public static Bitfield fromBytes(byte[] bytes, int size) {
        Bitfield bitfield = new Bitfield(size);
        int expected = byteLength(size);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    "a bitfield of " + size + " pieces has " + expected + " bytes, not " + bytes.length);
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            for (int bit = 0; b != 0 && bit < 8; bit++, b = (b << 1) & 0xff) {
                if ((b & 0x80) != 0) {
                    int index = i * 8 + bit;
                    if (index >= size) {
                        throw new IllegalArgumentException("spare bit " + index + " is set in a bitfield of "
                                + size + " pieces");
                    }
                    bitfield.set(index);
                }
            }
        }
        return bitfield;
    }

    /**
     * Returns the length of the wire form.
     *
     * @param size the number of pieces
     * @return the number of bytes {@code size} bits take, spare bits included
     */
    public static int byteLength(int size) {
        return (size + 7) >>> 3;
    }

    /** {@return the number of pieces} */
    public int size() {
        return size;
    }

    /**
     * Tells whether a piece's bit is set.
     *
     * @param index the piece
     * @return whether it is set
     */
    public boolean get(int index) {
        Objects.checkIndex(index, size);
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    /**
     * Sets a piece's bit.
     *
     * @param index the piece
     */
    public void set(int index) {
        Objects.checkIndex(index, size);
        long before = words[index >>> 6];
        long after = before | (1L << index);
        if (before != after) {
            words[index >>> 6] = after;
            cardinality++;
        }
    }

    /**
     * Clears a piece's bit.
     *
     * @param index the piece
     */
    public void clear(int index) {
        Objects.checkIndex(index, size);
        long before = words[index >>> 6];
        long after = before & ~(1L << index);
        if (before != after) {
            words[index >>> 6] = after;
            cardinality--;
        }
    }

    /** {@return how many bits are set} */
    public int cardinality() {
        return cardinality;
    }

    /** {@return whether every piece's bit is set} */
    public boolean isComplete() {
        return cardinality == size;
    }

    /**
     * Finds the next set bit.
     *
     * @param from the first index to look at
     * @return the index of the next set bit at or after {@code from}, or -1 if none
     */
    public int nextSetBit(int from) {
        return next(from, 0L);
    }

    /**
     * Finds the next clear bit.
     *
     * @param from the first index to look at
     * @return the index of the next clear bit at or after {@code from}, or -1 if every bit from
     *     there to the end is set
     */
    public int nextClearBit(int from) {
        return next(from, -1L);
    }

    /** Finds the next bit that differs from {@code flip}'s: set bits for 0, clear bits for -1. */
    private int next(int from, long flip) {
        if (from < 0) {
            throw new IndexOutOfBoundsException(from);
        }
        int word = from >>> 6;
        if (word >= words.length) {
            return -1;
        }
        long bits = (words[word] ^ flip) & (-1L << from);
        while (true) {
            if (bits != 0) {
                int index = word * 64 + Long.numberOfTrailingZeros(bits);
                return index < size ? index : -1;
            }
            if (++word == words.length) {
                return -1;
            }
            bits = words[word] ^ flip;
        }
    }

    /** {@return the wire form: piece 0 is the high bit of byte 0, spare bits zero} */
    public byte[] toBytes() {
        byte[] bytes = new byte[byteLength(size)];
        for (int i = nextSetBit(0); i >= 0; i = i + 1 < size ? nextSetBit(i + 1) : -1) {
            bytes[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return bytes;
    }

    /** {@return an independent copy} */
    public Bitfield copy() {
        Bitfield copy = new Bitfield(size);
        System.arraycopy(words, 0, copy.words, 0, words.length);
        copy.cardinality = cardinality;
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bitfield that && size == that.size && Arrays.equals(words, that.words);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "Bitfield[" + cardinality + "/" + size + "]";
    }
}
