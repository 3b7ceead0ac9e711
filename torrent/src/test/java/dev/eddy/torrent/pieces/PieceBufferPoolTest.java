package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PieceBufferPoolTest {
    private static final int MIB = 1 << 20;

    @Test
    void buffersComeFromTheAllocatorGivenAndAreReused() {
        List<Integer> asked = new ArrayList<>();
        PieceBufferPool pool = new PieceBufferPool(2L * MIB, size -> {
            asked.add(size);
            return ByteBuffer.allocateDirect(size + 1).slice(1, size);
        });
        ByteBuffer a = pool.acquire(MIB);
        assertEquals(MIB, a.capacity());
        pool.release(a);
        assertSame(a, pool.acquire(MIB));
        assertNotNull(pool.acquire(MIB));
        assertEquals(List.of(MIB, MIB), asked);
    }

    @Test
    void refusesAtTheCapAndReusesReleasedBuffers() {
        PieceBufferPool pool = new PieceBufferPool(3L * MIB);
        ByteBuffer a = pool.acquire(MIB);
        ByteBuffer b = pool.acquire(MIB);
        ByteBuffer c = pool.acquire(MIB);
        assertNotNull(c);
        assertFalse(pool.canAcquire(MIB));
        assertNull(pool.acquire(MIB));
        a.put(7, (byte) 1).position(100).limit(200);
        pool.release(a);
        ByteBuffer again = pool.acquire(MIB);
        assertSame(a, again, "an idle buffer is reused");
        assertEquals(0, again.position());
        assertEquals(MIB, again.limit());
        assertEquals(3L * MIB, pool.highWaterMark());
        assertEquals(3L * MIB, pool.inUseBytes());
        assertThrows(IllegalArgumentException.class, () -> pool.release(ByteBuffer.allocate(MIB)));
        pool.release(b);
        assertThrows(IllegalArgumentException.class, () -> pool.release(b), "released twice");
    }

    @Test
    void idleBuffersOfAnotherSizeMakeRoom() {
        PieceBufferPool pool = new PieceBufferPool(2L * MIB);
        ByteBuffer small = pool.acquire(MIB / 2);
        pool.acquire(MIB);
        pool.release(small);
        assertTrue(pool.canAcquire(MIB));
        assertNotNull(pool.acquire(MIB), "the idle half-MiB buffer is dropped for a MiB one");
        assertEquals(2L * MIB, pool.allocatedBytes());
        assertEquals(2L * MIB, pool.highWaterMark());
    }

    @Test
    void twoTorrentsTakingTurnsEachGetBackBuffersOfTheirOwnSize() {
        PieceBufferPool pool = new PieceBufferPool(4L * MIB);
        ByteBuffer half = pool.acquire(MIB / 2);
        ByteBuffer whole = pool.acquire(MIB);
        pool.release(half);
        pool.release(whole);
        for (int turn = 0; turn < 3; turn++) {
            ByteBuffer sameHalf = pool.acquire(MIB / 2);
            ByteBuffer sameWhole = pool.acquire(MIB);
            assertSame(half, sameHalf, "turn " + turn);
            assertSame(whole, sameWhole, "turn " + turn);
            assertEquals(MIB / 2, sameHalf.limit());
            pool.release(sameWhole);
            pool.release(sameHalf);
        }
        assertTrue(pool.canAcquire(MIB / 2));
        assertEquals(MIB + MIB / 2, pool.allocatedBytes(), "nothing allocated after the first turn");
    }

    @Test
    void onePieceLargerThanTheCapIsStillGranted() {
        PieceBufferPool pool = new PieceBufferPool(MIB);
        ByteBuffer big = pool.acquire(4 * MIB);
        assertNotNull(big);
        assertNull(pool.acquire(1));
        pool.release(big);
        assertNotNull(pool.acquire(4 * MIB));
    }

    /**
     * Downloads a torrent through picker and pool with 8 peers that answer in random order, and
     * returns the pool's high-water mark.
     */
    private static long simulateDownload(long totalLength, int pieceLength, long cap) {
        PieceGeometry geometry = new PieceGeometry(totalLength, pieceLength);
        int pieces = geometry.pieceCount();
        PieceBufferPool pool = new PieceBufferPool(cap);
        PiecePicker<Integer> picker = new PiecePicker<>(geometry, new Bitfield(pieces), pool, new Random(3),
                PickerSettings.DEFAULTS);
        Random random = new Random(17);
        Bitfield seed = new Bitfield(pieces);
        for (int i = 0; i < pieces; i++) {
            seed.set(i);
        }
        int peers = 8;
        List<List<Block>> outstanding = new ArrayList<>();
        for (int peer = 0; peer < peers; peer++) {
            picker.addPeer(peer, seed);
            picker.peerUnchoked(peer, 0);
            outstanding.add(new ArrayList<>());
        }
        ByteBuffer blockData = ByteBuffer.allocate(Block.SIZE);
        long now = 0;
        int verified = 0;
        while (verified < pieces) {
            now++;
            int peer = random.nextInt(peers);
            List<Block> mine = outstanding.get(peer);
            mine.addAll(picker.pick(peer, 64 - mine.size(), now));
            for (int n = 0; n < 16 && !mine.isEmpty(); n++) {
                Block block = mine.remove(random.nextInt(Math.min(4, mine.size())));
                BlockOutcome<Integer> outcome = picker.blockReceived(peer, block.piece(), block.offset(),
                        blockData.clear().limit(block.length()), now);
                if (outcome instanceof BlockOutcome.Accepted<Integer> accepted) {
                    accepted.cancels().forEach(c -> outstanding.get(c.peer()).remove(c.block()));
                    if (accepted.pieceComplete()) {
                        assertEquals(geometry.pieceSize(block.piece()), picker.pieceData(block.piece()).remaining());
                        picker.pieceVerified(block.piece());
                        verified++;
                    }
                }
            }
            assertTrue(pool.allocatedBytes() <= cap);
        }
        assertTrue(picker.have().isComplete());
        assertEquals(0, pool.inUseBytes(), "every buffer went back as its piece verified");
        return pool.highWaterMark();
    }

    @Test
    void aTenGibTorrentTakesNoMoreBufferMemoryThanAHundredMib() {
        long cap = 16L * MIB;
        long small = simulateDownload(100L * MIB + 12345, MIB, cap);
        long large = simulateDownload(10L * 1024 * MIB + 12345, MIB, cap);
        assertEquals(cap, small);
        assertEquals(cap, large, "10 GiB through the same pool peaks at the same cap");
    }
}
