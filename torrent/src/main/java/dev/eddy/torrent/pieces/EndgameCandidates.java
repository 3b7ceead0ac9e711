package dev.eddy.torrent.pieces;

import java.util.Arrays;

/**
 * The blocks one peer could be asked for in endgame, to be taken fewest requesters first: a list the
 * picker refills on each endgame pick, so the scan allocates nothing once it has grown.
 */
final class EndgameCandidates<P> {
    private PieceProgress<?>[] pieces = new PieceProgress<?>[16];
    private int[] blocks = new int[16];
    private int[] requesters = new int[16];
    /** The candidates' positions in sorted order, after {@link #sort()}. */
    private int[] ranked = new int[16];
    /** For the counting sort: where each requester count's run starts. */
    private int[] starts = new int[8];
    private int size;

    /** Forgets every candidate. */
    void clear() {
        Arrays.fill(pieces, 0, size, null);
        size = 0;
    }

    /** Adds a block that is requested and not yet here. */
    void add(PieceProgress<P> progress, int block) {
        if (size == pieces.length) {
            pieces = Arrays.copyOf(pieces, size * 2);
            blocks = Arrays.copyOf(blocks, size * 2);
            requesters = Arrays.copyOf(requesters, size * 2);
            ranked = new int[size * 2];
        }
        pieces[size] = progress;
        blocks[size] = block;
        requesters[size] = progress.requesters(block);
        size++;
    }

    /**
     * Orders the candidates by requester count, fewest first; ties keep the order they were added
     * in. A counting sort: the counts are small (at most the number of peers), and unlike
     * {@code Arrays.sort} it needs no scratch memory of its own.
     */
    void sort() {
        int most = 0;
        for (int i = 0; i < size; i++) {
            most = Math.max(most, requesters[i]);
        }
        if (starts.length < most + 2) {
            starts = new int[Math.max(most + 2, starts.length * 2)];
        }
        Arrays.fill(starts, 0, most + 2, 0);
        for (int i = 0; i < size; i++) {
            starts[requesters[i] + 1]++;
        }
        for (int count = 1; count <= most; count++) {
            starts[count] += starts[count - 1];
        }
        for (int i = 0; i < size; i++) {
            ranked[starts[requesters[i]]++] = i;
        }
    }

    int size() {
        return size;
    }

    /** {@return the piece of the candidate at {@code rank} after {@link #sort()}} */
    @SuppressWarnings("unchecked")
    PieceProgress<P> progress(int rank) {
        return (PieceProgress<P>) pieces[ranked[rank]];
    }

    /** {@return the block index of the candidate at {@code rank} after {@link #sort()}} */
    int block(int rank) {
        return blocks[ranked[rank]];
    }
}
