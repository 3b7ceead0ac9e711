package dev.eddy.torrent.pieces;

import dev.eddy.torrent.metainfo.Metainfo;
import java.util.Objects;

/**
 * How a torrent's bytes divide into pieces and blocks: every piece is {@code pieceLength} bytes
 * except a shorter last one, and every block is {@link Block#SIZE} except a shorter last block of
 * each piece whose size is not a multiple of it.
 *
 * @param totalLength the torrent's length in bytes, at least 1
 * @param pieceLength the length of every piece but the last, at least 1
 */
public record PieceGeometry(long totalLength, int pieceLength) {

    /** Checks the lengths and that the piece count fits an {@code int}. */
    public PieceGeometry {
        if (totalLength <= 0 || pieceLength <= 0) {
            throw new IllegalArgumentException("lengths must be positive: total " + totalLength
                    + ", piece " + pieceLength);
        }
        if ((totalLength + pieceLength - 1) / pieceLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many pieces: " + totalLength + " / " + pieceLength);
        }
    }

    /**
     * Reads the geometry of a torrent.
     *
     * @param metainfo the torrent
     * @return its total and piece lengths
     */
    public static PieceGeometry of(Metainfo metainfo) {
        return new PieceGeometry(metainfo.totalLength(), metainfo.pieceLength());
    }

    /** {@return how many pieces there are} */
    public int pieceCount() {
        return (int) ((totalLength + pieceLength - 1) / pieceLength);
    }

    /**
     * Returns the size of one piece.
     *
     * @param piece the piece index
     * @return {@code pieceLength}, or less for the last piece
     */
    public int pieceSize(int piece) {
        Objects.checkIndex(piece, pieceCount());
        return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
    }

    /**
     * Returns how many blocks one piece has.
     *
     * @param piece the piece index
     * @return the piece size divided by {@link Block#SIZE}, rounded up
     */
    public int blockCount(int piece) {
        return (pieceSize(piece) + Block.SIZE - 1) / Block.SIZE;
    }

    /**
     * Returns one block of a piece.
     *
     * @param piece the piece index
     * @param index the block index within the piece
     * @return the block, shorter than {@link Block#SIZE} only at the end of a piece
     */
    public Block block(int piece, int index) {
        int size = pieceSize(piece);
        Objects.checkIndex(index, blockCount(piece));
        int offset = index * Block.SIZE;
        return new Block(piece, offset, Math.min(Block.SIZE, size - offset));
    }
}
