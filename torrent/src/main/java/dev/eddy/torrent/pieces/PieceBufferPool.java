package dev.eddy.torrent.pieces;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Piece-sized buffers with a cap on the bytes they take together, so the memory a download needs
 * depends on the cap and not on the size of the torrent.
 *
 * <p>{@link #acquire(int)} returns {@code null} at the cap instead of waiting: the picker then
 * finishes the pieces it has started before it starts new ones. Released buffers are kept for
 * reuse; an idle buffer of another size is dropped when a new size needs the room, so one pool can
 * serve several torrents with different piece lengths. When nothing is in use, one buffer is
 * granted even if it alone is over the cap, so a piece longer than the cap can still be fetched.
 *
 * <p>Buffers are direct: a piece is written to its file from where it lies, where a heap buffer
 * would first be copied into a temporary direct one by the JDK (a gigabyte's worth of copying per
 * gigabyte downloaded), and OpenSSL hashes it in place. Used on one thread; not thread-safe.
 */
public final class PieceBufferPool {
    private final long capBytes;
    private final IntFunction<ByteBuffer> allocator;
    private final Map<Integer, ArrayDeque<ByteBuffer>> idle = new HashMap<>();
    /** The idle list last looked up, and its size: a picker asks about the same size on every pick. */
    private ArrayDeque<ByteBuffer> lastIdle;
    private int lastSize;
    private final Set<ByteBuffer> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    private long allocatedBytes;
    private long inUseBytes;
    private long highWaterMark;

    /**
     * Creates an empty pool.
     *
     * @param capBytes the most bytes its buffers may take together, at least 1
     */
    public PieceBufferPool(long capBytes) {
        this(capBytes, ByteBuffer::allocateDirect);
    }

    /**
     * Creates an empty pool whose buffers come from an allocator, such as one that aligns them for
     * direct I/O.
     *
     * @param capBytes the most bytes its buffers may take together, at least 1
     * @param allocator makes a direct buffer of the capacity given, position 0 and limit at capacity
     */
    public PieceBufferPool(long capBytes, IntFunction<ByteBuffer> allocator) {
        if (capBytes <= 0) {
            throw new IllegalArgumentException("a pool needs room, not a cap of " + capBytes);
        }
        this.capBytes = capBytes;
        this.allocator = allocator;
    }

    /**
     * Tells whether {@link #acquire(int)} would succeed now.
     *
     * @param size the buffer's capacity
     * @return whether a buffer of that size is idle or there is room (or could be made) for one
     */
    public boolean canAcquire(int size) {
        ArrayDeque<ByteBuffer> same = idleOf(size);
        return (same != null && !same.isEmpty()) || inUseBytes + size <= capBytes || inUseBytes == 0;
    }

    /**
     * Takes a buffer, cleared, with its limit at its capacity.
     *
     * @param size the capacity, usually the torrent's piece length
     * @return the buffer, or {@code null} if the cap leaves no room
     */
    public ByteBuffer acquire(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("buffer size " + size);
        }
        ArrayDeque<ByteBuffer> same = idleOf(size);
        ByteBuffer buffer = same == null ? null : same.poll();
        if (buffer == null) {
            if (!canAcquire(size)) {
                return null;
            }
            dropIdleUntilRoomFor(size);
            buffer = allocator.apply(size);
            allocatedBytes += size;
            highWaterMark = Math.max(highWaterMark, allocatedBytes);
        }
        buffer.clear();
        inUse.add(buffer);
        inUseBytes += size;
        return buffer;
    }

    /**
     * Gives a buffer back for reuse.
     *
     * @param buffer a buffer from {@link #acquire(int)}, not released since
     * @throws IllegalArgumentException if it is not in use from this pool
     */
    public void release(ByteBuffer buffer) {
        if (!inUse.remove(buffer)) {
            throw new IllegalArgumentException("not a buffer in use from this pool");
        }
        int size = buffer.capacity();
        inUseBytes -= size;
        ArrayDeque<ByteBuffer> same = idleOf(size);
        if (same == null) {
            same = new ArrayDeque<>();
            idle.put(size, same);
            lastSize = size;
            lastIdle = same;
        }
        same.push(buffer);
    }

    /** The idle list for a size, or {@code null} if there never was one; lists once made stay in the map. */
    private ArrayDeque<ByteBuffer> idleOf(int size) {
        if (lastIdle != null && lastSize == size) {
            return lastIdle;
        }
        ArrayDeque<ByteBuffer> same = idle.get(size);
        if (same != null) {
            lastSize = size;
            lastIdle = same;
        }
        return same;
    }

    /** {@return the cap given at creation} */
    public long capBytes() {
        return capBytes;
    }

    /** {@return the bytes of the buffers handed out and not yet released} */
    public long inUseBytes() {
        return inUseBytes;
    }

    /** {@return the bytes of every buffer the pool holds, idle or in use} */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** {@return the most bytes the pool has ever held at once} */
    public long highWaterMark() {
        return highWaterMark;
    }

    private void dropIdleUntilRoomFor(int size) {
        Iterator<ArrayDeque<ByteBuffer>> lists = idle.values().iterator();
        while (allocatedBytes + size > capBytes && lists.hasNext()) {
            ArrayDeque<ByteBuffer> list = lists.next();
            while (allocatedBytes + size > capBytes && !list.isEmpty()) {
                allocatedBytes -= list.pop().capacity();
            }
        }
    }
}
