package dev.eddy.torrent.pieces;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * How many connected peers have each piece, kept in rarest-first order at O(1) per change.
 *
 * <p>The pieces live in one array sorted by count, cut into buckets of equal count (the layout
 * libtorrent calls priority buckets). A count going up or down by one swaps the piece with the
 * edge of its bucket and moves the bucket boundary, so HAVE messages stay cheap however many
 * pieces there are. Pieces we already have are {@linkplain #retire(int) retired} to a prefix of the
 * array that no scan visits; their counts are still kept.
 *
 * <p>Used on one thread; not thread-safe.
 */
public final class Availability {
    private final int[] count;
    private final int[] order;
    private final int[] position;
    /** bucketStart[c] is where the active pieces of count c or more begin; bucketStart[0] ends the retired prefix. */
    private int[] bucketStart;

    /**
     * Creates counts of zero for every piece, none retired.
     *
     * @param pieceCount the number of pieces
     */
    public Availability(int pieceCount) {
        count = new int[pieceCount];
        order = new int[pieceCount];
        position = new int[pieceCount];
        for (int i = 0; i < pieceCount; i++) {
            order[i] = i;
            position[i] = i;
        }
        bucketStart = new int[] {0, pieceCount, pieceCount, pieceCount};
    }

    /** {@return the number of pieces} */
    public int pieceCount() {
        return count.length;
    }

    /**
     * Returns how many peers have a piece.
     *
     * @param piece the piece
     * @return its count
     */
    public int count(int piece) {
        return count[Objects.checkIndex(piece, count.length)];
    }

    /**
     * Counts a peer's whole bitfield, as when it connects or sends BITFIELD.
     *
     * @param pieces the pieces it has
     */
    public void addPeer(Bitfield pieces) {
        checkSize(pieces);
        for (int i = pieces.nextSetBit(0); i >= 0; i = next(pieces, i)) {
            increment(i);
        }
    }

    /**
     * Uncounts a peer's whole bitfield, as when it disconnects.
     *
     * @param pieces the pieces it had
     */
    public void removePeer(Bitfield pieces) {
        checkSize(pieces);
        for (int i = pieces.nextSetBit(0); i >= 0; i = next(pieces, i)) {
            decrement(i);
        }
    }

    /**
     * Counts one more peer having a piece (a HAVE message).
     *
     * @param piece the piece
     */
    public void increment(int piece) {
        int c = count[Objects.checkIndex(piece, count.length)]++;
        if (isRetired(piece)) {
            return;
        }
        if (c + 2 >= bucketStart.length) {
            int old = bucketStart.length;
            bucketStart = Arrays.copyOf(bucketStart, old * 2);
            Arrays.fill(bucketStart, old, bucketStart.length, order.length);
        }
        int lastOfBucket = --bucketStart[c + 1];
        swap(position[piece], lastOfBucket);
    }

    /**
     * Counts one peer fewer having a piece.
     *
     * @param piece the piece
     * @throws IllegalStateException if its count is already zero
     */
    public void decrement(int piece) {
        int c = count[Objects.checkIndex(piece, count.length)];
        if (c == 0) {
            throw new IllegalStateException("piece " + piece + " has no peers to lose");
        }
        count[piece] = c - 1;
        if (isRetired(piece)) {
            return;
        }
        int firstOfBucket = bucketStart[c]++;
        swap(position[piece], firstOfBucket);
    }

    /**
     * Takes a piece out of rarest-first scans, for good: we have it. Costs O(its count).
     *
     * @param piece the piece
     */
    public void retire(int piece) {
        Objects.checkIndex(piece, count.length);
        if (isRetired(piece)) {
            return;
        }
        for (int c = count[piece]; c >= 0; c--) {
            int firstOfBucket = bucketStart[c]++;
            swap(position[piece], firstOfBucket);
        }
    }

    /**
     * Tells whether a piece was retired.
     *
     * @param piece the piece
     * @return whether {@link #retire(int)} took it out of the scans
     */
    public boolean isRetired(int piece) {
        return position[piece] < bucketStart[0];
    }

    /**
     * Visits the pieces not retired, rarest first. Within a run of equal counts the visit starts at
     * a random piece and wraps around, so every tied piece is equally likely to come first.
     *
     * @param random the source of tie-breaking
     * @param visitor called with each piece; returns {@code false} to stop. It must not change the
     *     counts.
     */
    public void visitRarestFirst(RandomGenerator random, IntPredicate visitor) {
        for (int c = 0; c + 1 < bucketStart.length && bucketStart[c] < order.length; c++) {
            int start = bucketStart[c];
            int length = bucketStart[c + 1] - start;
            if (length == 0) {
                continue;
            }
            int first = random.nextInt(length);
            for (int i = 0; i < length; i++) {
                int at = first + i;
                if (!visitor.test(order[start + (at < length ? at : at - length)])) {
                    return;
                }
            }
        }
    }

    /**
     * Returns the distributed copies statistic: the count of the rarest piece, plus the fraction
     * of pieces that have more than that.
     *
     * @return 0 when some piece has no peer; for example 2.25 when every piece has at least two
     *     peers and a quarter have three or more
     */
    public double distributedCopies() {
        if (count.length == 0) {
            return 0;
        }
        int min = Integer.MAX_VALUE;
        for (int c : count) {
            min = Math.min(min, c);
        }
        int above = 0;
        for (int c : count) {
            if (c > min) {
                above++;
            }
        }
        return min + (double) above / count.length;
    }

    private void swap(int a, int b) {
        int pa = order[a];
        int pb = order[b];
        order[a] = pb;
        order[b] = pa;
        position[pb] = a;
        position[pa] = b;
    }

    private void checkSize(Bitfield pieces) {
        if (pieces.size() != count.length) {
            throw new IllegalArgumentException("a bitfield of " + pieces.size() + " pieces for a torrent of "
                    + count.length);
        }
    }

    private static int next(Bitfield pieces, int i) {
        return i + 1 < pieces.size() ? pieces.nextSetBit(i + 1) : -1;
    }
}
