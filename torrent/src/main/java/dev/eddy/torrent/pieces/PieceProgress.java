package dev.eddy.torrent.pieces;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The picker's record of one piece being downloaded: each block's state, and its buffer. Once the
 * piece is verified the picker may {@linkplain #restart reuse the record} for another piece of as many
 * blocks.
 */
final class PieceProgress<P> {
    private static final byte FREE = 0;
    private static final byte REQUESTED = 1;
    private static final byte RECEIVED = 2;

    int piece;
    ByteBuffer buffer;
    /**
     * The peers that sent its blocks, each once: a handful, so a list, which unlike a hash set
     * allocates nothing when a record is reused.
     */
    final List<P> contributors = new ArrayList<>();
    private final byte[] state;
    /** How many peers have each block outstanding: more than one only in endgame. */
    private final int[] requesters;
    private int free;
    private int received;
    /** No block below this index is free. */
    private int firstFree;

    PieceProgress(int piece, int blockCount, ByteBuffer buffer) {
        this.piece = piece;
        this.buffer = buffer;
        this.state = new byte[blockCount];
        this.requesters = new int[blockCount];
        this.free = blockCount;
    }

    int blockCount() {
        return state.length;
    }

    int free() {
        return free;
    }

    boolean isComplete() {
        return received == state.length;
    }

    boolean isReceived(int block) {
        return state[block] == RECEIVED;
    }

    /** Whether the block is requested and not yet here: an endgame candidate. */
    boolean isAwaited(int block) {
        return state[block] == REQUESTED;
    }

    int requesters(int block) {
        return requesters[block];
    }

    /** Marks the lowest free block requested and returns its index, or -1 if none is free. */
    int requestFree() {
        while (firstFree < state.length && state[firstFree] != FREE) {
            firstFree++;
        }
        if (firstFree == state.length) {
            return -1;
        }
        int block = firstFree++;
        state[block] = REQUESTED;
        requesters[block] = 1;
        free--;
        return block;
    }

    /** Counts one more peer asked for a block already requested (endgame). */
    void requestAgain(int block) {
        requesters[block]++;
    }

    /** Drops one peer's request; returns whether the block became free again. */
    boolean release(int block) {
        if (--requesters[block] > 0 || state[block] != REQUESTED) {
            return false;
        }
        state[block] = FREE;
        free++;
        firstFree = Math.min(firstFree, block);
        return true;
    }

    /** Marks a block here; its remaining requesters are the receiver's to cancel. */
    void receive(int block, P from) {
        state[block] = RECEIVED;
        requesters[block]--;
        received++;
        if (!contributors.contains(from)) {
            contributors.add(from);
        }
    }

    /** Drops a request that was cancelled because another peer delivered the block. */
    void dropCancelled(int block) {
        requesters[block]--;
    }

    /** Makes the record that of a new piece of the same block count, every block free. */
    void restart(int piece, ByteBuffer buffer) {
        this.piece = piece;
        this.buffer = buffer;
        reset();
    }

    /** Lets go of the buffer and the contributors, for a record kept spare once its piece is verified. */
    void forget() {
        buffer = null;
        contributors.clear();
    }

    /** Makes every block free again, after the piece failed its hash check. */
    void reset() {
        Arrays.fill(state, FREE);
        Arrays.fill(requesters, 0);
        free = state.length;
        received = 0;
        firstFree = 0;
        contributors.clear();
    }
}
