package dev.eddy.torrent.pieces;

/**
 * One request-sized part of a piece, as REQUEST, PIECE and CANCEL messages name it.
 *
 * <p>Every block is {@link #SIZE} bytes and starts at a multiple of it, except the last block of
 * the last piece, which is shorter when the torrent's length is not a multiple of the block size.
 *
 * @param piece the piece index
 * @param offset the byte offset within the piece, a multiple of {@link #SIZE}
 * @param length the number of bytes, 1 to {@link #SIZE}
 */
public record Block(int piece, int offset, int length) {
    /** The request size every client uses: 16 KiB. */
    public static final int SIZE = 16 * 1024;

    /** Checks the ranges. */
    public Block {
        if (piece < 0 || offset < 0 || offset % SIZE != 0 || length <= 0 || length > SIZE) {
            throw new IllegalArgumentException("not a block: piece " + piece + ", offset " + offset
                    + ", length " + length);
        }
    }

    /** {@return the block's index within its piece} */
    public int index() {
        return offset / SIZE;
    }
}
