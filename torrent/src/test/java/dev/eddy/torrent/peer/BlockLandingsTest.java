package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.net.BufferedProtocol;
import dev.eddy.torrent.pieces.Block;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Foretold PIECE frames read straight into a piece buffer, and everything else back into the read buffer. */
class BlockLandingsTest {
    private static final int BLOCK = Block.SIZE;
    private static final int PIECE_LENGTH = 8 * BLOCK;
    private static final byte[] DATA = random(PIECE_LENGTH, 1);

    private final ByteBuffer pieceBuffer = ByteBuffer.allocateDirect(PIECE_LENGTH);
    /** The blocks still expected, oldest request first, as the picker would name them. */
    private final List<Block> outstanding = new ArrayList<>();
    private final PeerHandler handler = new PeerHandler() {
        @Override
        public void onMessage(PeerConnection connection, Message message) {
        }

        @Override
        public void onBlock(PeerConnection connection, int piece, int offset, ByteBuffer block) {
        }

        @Override
        public int landings(PeerConnection connection, Block[] blocks, ByteBuffer[] pieceBuffers) {
            int count = Math.min(blocks.length, outstanding.size());
            for (int i = 0; i < count; i++) {
                blocks[i] = outstanding.get(i);
                pieceBuffers[i] = pieceBuffer;
            }
            return count;
        }
    };
    private final BlockLandings landings = new BlockLandings();
    private final ByteBuffer[] into = new ByteBuffer[BufferedProtocol.MAX_SCATTER];
    private final List<Block> delivered = new ArrayList<>();

    @Test
    void framesThatComeAsForetoldLandInPlace() {
        expect(0, 1, 2);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        assertEquals(6, landings.prepare(into, readBuffer, 0, handler, null), "a header and a target each");
        read(6, concat(frame(0), frame(1), frame(2)));
        landings.settle(readBuffer);
        assertEquals(0, readBuffer.position(), "nothing left to decode");
        assertFalse(landings.ready(), "not before the landed blocks are delivered");
        deliver();
        assertEquals(List.of(block(0), block(1), block(2)), delivered);
        assertArrayEquals(Arrays.copyOf(DATA, 3 * BLOCK), bytes(pieceBuffer, 0, 3 * BLOCK));
        assertTrue(landings.ready());
    }

    @Test
    void readsIntoTheSamePieceReuseTheirViewsOfItsBuffer() {
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        expect(0, 1);
        landings.prepare(into, readBuffer, 0, handler, null);
        ByteBuffer first = into[1];
        read(4, concat(frame(0), frame(1)));
        landings.settle(readBuffer);
        deliver();
        outstanding.clear();
        expect(2, 3);
        landings.prepare(into, readBuffer, 0, handler, null);
        assertSame(first, into[1], "slot 0 points its view at block 2 instead of making one");
        read(4, concat(frame(2), frame(3)));
        landings.settle(readBuffer);
        deliver();
        assertArrayEquals(Arrays.copyOf(DATA, 4 * BLOCK), bytes(pieceBuffer, 0, 4 * BLOCK));
    }

    @Test
    void aReadThatEndsInsideAFrameLeavesItForTheDecoderAndTheNextReadFinishesIt() {
        expect(0, 1, 2);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        byte[] stream = concat(frame(0), frame(1));
        int cut = stream.length - 5000;
        read(landings.prepare(into, readBuffer, 0, handler, null), Arrays.copyOf(stream, cut));
        landings.settle(readBuffer);
        deliver();
        assertEquals(List.of(block(0)), delivered);
        assertArrayEquals(Arrays.copyOfRange(stream, frame(0).length, cut), bytes(readBuffer, 0, readBuffer.position()),
                "the start of block 1's frame, as it came");

        // Block 0 is in; block 1's frame has begun in the read buffer: the next read continues it in place.
        outstanding.removeFirst();
        assertEquals(3, landings.prepare(into, readBuffer, 0, handler, null), "block 1's target, block 2's header and target");
        assertEquals(0, readBuffer.position(), "the start of the frame was taken out of the read buffer");
        read(3, concat(Arrays.copyOfRange(stream, cut, stream.length), frame(2)));
        landings.settle(readBuffer);
        deliver();
        assertEquals(List.of(block(0), block(1), block(2)), delivered);
        assertArrayEquals(Arrays.copyOf(DATA, 3 * BLOCK), bytes(pieceBuffer, 0, 3 * BLOCK));
    }

    @Test
    void anotherMessageFirstGoesToTheReadBufferWithAllAfterIt() {
        expect(0, 1);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        byte[] have = {0, 0, 0, 5, 4, 0, 0, 0, 3};
        byte[] stream = concat(have, frame(0), frame(1));
        read(landings.prepare(into, readBuffer, 0, handler, null), Arrays.copyOf(stream, 2 * (13 + BLOCK)));
        landings.settle(readBuffer);
        deliver();
        assertEquals(List.of(), delivered);
        assertArrayEquals(Arrays.copyOf(stream, 2 * (13 + BLOCK)), bytes(readBuffer, 0, readBuffer.position()),
                "every byte, in the order it came");
        assertEquals(1, landings.misses());
    }

    @Test
    void aBlockOutOfOrderGoesToTheReadBufferAndTheOnesBeforeItLand() {
        expect(0, 1, 2);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        byte[] stream = concat(frame(0), frame(2), frame(1));
        read(landings.prepare(into, readBuffer, 0, handler, null), stream);
        landings.settle(readBuffer);
        deliver();
        assertEquals(List.of(block(0)), delivered);
        assertArrayEquals(Arrays.copyOfRange(stream, frame(0).length, stream.length), bytes(readBuffer, 0, readBuffer.position()));
        assertEquals(0, landings.misses(), "a block landed");
    }

    @Test
    void aReadThatBringsNothingPutsATakenFrameStartBack() {
        expect(0, 1);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        byte[] start = Arrays.copyOf(frame(0), 13 + 100);
        readBuffer.put(start);
        assertTrue(landings.prepare(into, readBuffer, 0, handler, null) > 0);
        landings.settle(readBuffer); // the end of the stream, say: no byte read
        assertArrayEquals(start, bytes(readBuffer, 0, readBuffer.position()));
    }

    @Test
    void undecodedBytesThatAreNotTheNextBlocksFrameMeanAPlainRead() {
        expect(0, 1);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        readBuffer.put(Arrays.copyOf(frame(1), 100)); // a frame start, but of block 1
        assertEquals(0, landings.prepare(into, readBuffer, 0, handler, null));
        assertEquals(100, readBuffer.position(), "left as it was");
    }

    @Test
    void noMoreIsForetoldThanTheReadBufferCouldTakeBack() {
        expect(0, 1, 2, 3);
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(2 * (13 + BLOCK) + 100);
        assertEquals(4, landings.prepare(into, readBuffer, 0, handler, null), "two blocks: a header and a target each");
        read(4, concat(frame(0), frame(1)));
        landings.settle(readBuffer);
        deliver();
        assertEquals(List.of(block(0), block(1)), delivered);
    }

    @Test
    void aPeerThatNeverSendsWhatWasForetoldIsReadPlainlyInTheEnd() {
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 << 10);
        for (int read = 0; read < BlockLandings.MISSES_TO_GIVE_UP; read++) {
            assertTrue(landings.ready());
            expect(0, 1);
            int buffers = landings.prepare(into, readBuffer, 0, handler, null);
            read(buffers, frame(1)); // always the other one first
            landings.settle(readBuffer);
            readBuffer.clear(); // the decoder took it
            outstanding.clear();
        }
        assertFalse(landings.ready());
    }

    private void expect(int... blocks) {
        for (int index : blocks) {
            outstanding.add(block(index));
        }
    }

    private static Block block(int index) {
        return new Block(0, index * BLOCK, BLOCK);
    }

    /** A PIECE frame of piece 0's block {@code index}, with its bytes from {@link #DATA}. */
    private static byte[] frame(int index) {
        ByteBuffer frame = ByteBuffer.allocate(13 + BLOCK);
        frame.putInt(9 + BLOCK).put((byte) 7).putInt(0).putInt(index * BLOCK).put(DATA, index * BLOCK, BLOCK);
        return frame.array();
    }

    /** What a scattering read of {@code stream} does to the first {@code buffers} buffers of {@link #into}. */
    private void read(int buffers, byte[] stream) {
        int at = 0;
        for (int i = 0; i < buffers && at < stream.length; i++) {
            int take = Math.min(into[i].remaining(), stream.length - at);
            into[i].put(stream, at, take);
            at += take;
        }
        assertEquals(stream.length, at, "the read fits the buffers offered");
    }

    private void deliver() {
        landings.deliver((piece, offset, length) -> delivered.add(new Block(piece, offset, length)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer, int from, int to) {
        byte[] out = new byte[to - from];
        buffer.get(from, out);
        return out;
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }
}
