package dev.eddy.torrent.pieces;

import java.util.Arrays;

/**
 * One peer's outstanding requests, oldest first, each with the loop time it was made: what a
 * {@code LinkedHashMap<Block, Long>} would hold, kept in arrays so that a request costs no
 * allocation once they have grown to the peer's pipeline.
 *
 * <p>Each request sits in a slot of the parallel arrays; the slots are linked in request order, and
 * an open-addressing table (linear probing, at most half full) finds a slot by its block. Slots
 * freed by removals are reused. A slot number is valid until its request is removed.
 */
final class OutstandingRequests {
    /** No slot: {@link #find} found nothing, or {@link #oldest()} of an empty set. */
    static final int NONE = -1;

    private Block[] blocks;
    private long[] times;
    /** The slot requested just before each slot, or {@link #NONE}. */
    private int[] older;
    /** The slot requested just after each slot, or {@link #NONE}; for a free slot, the next free one. */
    private int[] newer;
    /** One plus the slot of each hashed request; 0 marks an empty bucket. A power of two, twice the slots. */
    private int[] table;
    private int oldest = NONE;
    private int newest = NONE;
    private int firstFree = NONE;
    /** Slots handed out so far; those above are untouched. */
    private int used;
    private int size;

    /** An empty set with room for a few requests; it grows as needed. */
    OutstandingRequests() {
        allocate(8);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Records a request as the newest.
     *
     * @param block a block not outstanding here yet
     * @param time the loop time of the request
     */
    void add(Block block, long time) {
        if (size == blocks.length) {
            grow();
        }
        int slot;
        if (firstFree != NONE) {
            slot = firstFree;
            firstFree = newer[slot];
        } else {
            slot = used++;
        }
        blocks[slot] = block;
        times[slot] = time;
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest == NONE) {
            oldest = slot;
        } else {
            newer[newest] = slot;
        }
        newest = slot;
        hash(slot);
        size++;
    }

    /**
     * Finds the request for a block.
     *
     * @return its slot, or {@link #NONE}
     */
    int find(int piece, int offset, int length) {
        int mask = table.length - 1;
        for (int bucket = bucketOf(piece, offset) & mask; ; bucket = (bucket + 1) & mask) {
            int entry = table[bucket];
            if (entry == 0) {
                return NONE;
            }
            Block block = blocks[entry - 1];
            if (block.piece() == piece && block.offset() == offset && block.length() == length) {
                return entry - 1;
            }
        }
    }

    boolean contains(Block block) {
        return find(block.piece(), block.offset(), block.length()) != NONE;
    }

    /** {@return the slot of the oldest request, or {@link #NONE} when there is none} */
    int oldest() {
        return oldest;
    }

    /** {@return the slot of the request made just after {@code slot}'s, or {@link #NONE}} */
    int newer(int slot) {
        return newer[slot];
    }

    Block block(int slot) {
        return blocks[slot];
    }

    long time(int slot) {
        return times[slot];
    }

    /**
     * Forgets a request.
     *
     * @param slot a slot from {@link #find} or {@link #oldest()}
     */
    void remove(int slot) {
        unhash(slot);
        int before = older[slot];
        int after = newer[slot];
        if (before == NONE) {
            oldest = after;
        } else {
            newer[before] = after;
        }
        if (after == NONE) {
            newest = before;
        } else {
            older[after] = before;
        }
        blocks[slot] = null;
        newer[slot] = firstFree;
        firstFree = slot;
        size--;
    }

    /** Forgets every request. */
    void clear() {
        Arrays.fill(blocks, 0, used, null);
        Arrays.fill(table, 0);
        oldest = NONE;
        newest = NONE;
        firstFree = NONE;
        used = 0;
        size = 0;
    }

    private void allocate(int slots) {
        blocks = new Block[slots];
        times = new long[slots];
        older = new int[slots];
        newer = new int[slots];
        table = new int[slots * 2];
    }

    /** Doubles the room; called only when every slot is taken, so the slot numbers stay as they are. */
    private void grow() {
        int slots = blocks.length * 2;
        blocks = Arrays.copyOf(blocks, slots);
        times = Arrays.copyOf(times, slots);
        older = Arrays.copyOf(older, slots);
        newer = Arrays.copyOf(newer, slots);
        table = new int[slots * 2];
        for (int slot = oldest; slot != NONE; slot = newer[slot]) {
            hash(slot);
        }
    }

    private void hash(int slot) {
        int mask = table.length - 1;
        int bucket = bucketOf(blocks[slot]) & mask;
        while (table[bucket] != 0) {
            bucket = (bucket + 1) & mask;
        }
        table[bucket] = slot + 1;
    }

    /** Empties the slot's bucket and moves later entries of its probe run back, so that no search stops short. */
    private void unhash(int slot) {
        int mask = table.length - 1;
        int hole = bucketOf(blocks[slot]) & mask;
        while (table[hole] != slot + 1) {
            hole = (hole + 1) & mask;
        }
        for (int bucket = (hole + 1) & mask; table[bucket] != 0; bucket = (bucket + 1) & mask) {
            int home = bucketOf(blocks[table[bucket] - 1]) & mask;
            boolean reachableWithoutHole = hole < bucket ? hole < home && home <= bucket : hole < home || home <= bucket;
            if (!reachableWithoutHole) {
                table[hole] = table[bucket];
                hole = bucket;
            }
        }
        table[hole] = 0;
    }

    private static int bucketOf(Block block) {
        return bucketOf(block.piece(), block.offset());
    }

    private static int bucketOf(int piece, int offset) {
        int h = (piece * 31 + (offset >>> 14)) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
