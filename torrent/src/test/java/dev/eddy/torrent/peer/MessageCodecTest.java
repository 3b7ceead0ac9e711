package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.eddy.torrent.peer.PeerProtocolException.Violation;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final int PIECES = 21;

    private static List<Message> everyMessage() {
        byte[] bits = new byte[3];
        bits[0] = (byte) 0b1010_0000;
        bits[2] = (byte) 0b0000_1000; // piece 20, the last
        byte[] block = new byte[MessageCodec.BLOCK_LENGTH];
        new Random(1).nextBytes(block);
        return List.of(Message.KEEP_ALIVE, Message.CHOKE, Message.UNCHOKE, Message.INTERESTED, Message.NOT_INTERESTED,
                new Message.Have(20), new Message.BitfieldMessage(bits), new Message.Request(3, 16384, 16384),
                new Message.Piece(4, 32768, ByteBuffer.wrap(block)), new Message.Piece(0, 0, ByteBuffer.wrap(new byte[] {7})),
                new Message.Cancel(5, 0, MessageCodec.MAX_REQUEST_LENGTH), new Message.Port(6881), new Message.Port(65535));
    }

    private static List<Message> decodeAll(MessageCodec codec, ByteBuffer in) {
        RecordingSink sink = new RecordingSink();
        while (codec.decode(in, sink)) {
            // every frame goes to the sink
        }
        return sink.messages;
    }

    @Test
    void everyMessageRoundTrips() {
        for (Message message : everyMessage()) {
            ByteBuffer frame = MessageCodec.encode(message);
            assertEquals(MessageCodec.frameLength(message), frame.remaining(), message.toString());
            assertEquals(List.of(message), decodeAll(new MessageCodec(PIECES), frame), message.toString());
            assertFalse(frame.hasRemaining());
        }
    }

    @Test
    void pieceHeaderMatchesTheWholeFrame() {
        Message.Piece piece = new Message.Piece(9, 16384, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer whole = MessageCodec.encode(piece);
        ByteBuffer header = MessageCodec.encodePieceHeader(piece);
        assertEquals(whole.slice(0, MessageCodec.PIECE_HEADER_LENGTH), header);
    }

    @Test
    void wireBytesAreBep3s() {
        assertEquals(ByteBuffer.wrap(new byte[] {0, 0, 0, 5, 4, 0, 0, 1, 2}), MessageCodec.encode(new Message.Have(258)));
        assertEquals(ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 9, 0x1a, (byte) 0xe1}), MessageCodec.encode(new Message.Port(6881)));
        assertEquals(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), MessageCodec.encode(Message.KEEP_ALIVE));
    }

    private static ByteBuffer frame(int length, int id, int... ints) {
        ByteBuffer out = ByteBuffer.allocate(5 + 4 * ints.length);
        out.putInt(length).put((byte) id);
        for (int value : ints) {
            out.putInt(value);
        }
        return out.flip();
    }

    private static PeerProtocolException rejects(Violation violation, ByteBuffer in) {
        int before = in.position();
        PeerProtocolException e = assertThrows(PeerProtocolException.class, () -> new MessageCodec(PIECES).decode(in, new RecordingSink()));
        assertEquals(violation, e.violation(), e.getMessage());
        assertEquals(before, in.position(), "a rejected frame consumes nothing");
        return e;
    }

    @Test
    void hostileLengthPrefixesFailFromTheHeaderAlone() {
        // Only the 4-byte prefix (and id) is given: the codec must not wait for, or allocate, the rest.
        PeerProtocolException huge = rejects(Violation.FRAME_TOO_LONG, frame(Integer.MIN_VALUE, 7));
        assertTrue(huge.getMessage().contains("2147483648"), huge.getMessage());
        rejects(Violation.FRAME_TOO_LONG, ByteBuffer.allocate(4).putInt(-1).flip());
        rejects(Violation.FRAME_TOO_LONG, frame(1 + 8 + MessageCodec.BLOCK_LENGTH + 1, 7));
        rejects(Violation.FRAME_TOO_LONG, frame(1 << 20, 42));
        // With a large bitfield the frame limit is higher, but a PIECE is still held to the block limit.
        PeerProtocolException piece = assertThrows(PeerProtocolException.class, () -> new MessageCodec(1_000_000)
                .decode(frame(1 + 8 + MessageCodec.BLOCK_LENGTH + 1, 7), new RecordingSink()));
        assertEquals(Violation.BAD_LENGTH, piece.violation());
    }

    @Test
    void wrongLengthsForKnownMessages() {
        rejects(Violation.BAD_LENGTH, frame(2, 0));           // CHOKE with a payload
        rejects(Violation.BAD_LENGTH, frame(4, 4));           // HAVE of 3 bytes
        rejects(Violation.BAD_LENGTH, frame(17, 6));          // REQUEST of 16 bytes
        rejects(Violation.BAD_LENGTH, frame(9, 7));           // PIECE without data
        rejects(Violation.BAD_LENGTH, frame(4, 9));           // PORT of 3 bytes
    }

    @Test
    void requestsOutsideOneByteTo128KiBAreRejected() {
        rejects(Violation.BAD_REQUEST_LENGTH, frame(13, 6, 1, 0, MessageCodec.MAX_REQUEST_LENGTH + 1));
        rejects(Violation.BAD_REQUEST_LENGTH, frame(13, 6, 1, 0, 0));
        rejects(Violation.BAD_REQUEST_LENGTH, frame(13, 8, 1, 0, -1));
        assertEquals(List.of(new Message.Request(1, 0, MessageCodec.MAX_REQUEST_LENGTH)),
                decodeAll(new MessageCodec(PIECES), frame(13, 6, 1, 0, MessageCodec.MAX_REQUEST_LENGTH)));
    }

    @Test
    void indexesOutsideTheTorrentAreRejected() {
        rejects(Violation.BAD_INDEX, frame(5, 4, PIECES));
        rejects(Violation.BAD_INDEX, frame(5, 4, -1));
        rejects(Violation.BAD_INDEX, frame(13, 6, PIECES, 0, 1));
        rejects(Violation.BAD_INDEX, frame(13, 8, 0, -16384, 1));
        ByteBuffer piece = frame(10, 7, 0, Integer.MIN_VALUE);
        ByteBuffer withData = ByteBuffer.allocate(piece.remaining() + 1).put(piece).put((byte) 1).flip();
        rejects(Violation.BAD_INDEX, withData);
    }

    @Test
    void bitfieldsMustHaveTheExactSizeAndNoSpareBits() {
        rejects(Violation.BAD_BITFIELD, frame(1 + 4, 5));            // 4 bytes for 21 pieces: needs 3
        rejects(Violation.BAD_BITFIELD, frame(1 + 2, 5));
        ByteBuffer spare = ByteBuffer.allocate(8).putInt(4).put((byte) 5).put((byte) 0).put((byte) 0).put((byte) 0b0000_0100).flip();
        PeerProtocolException e = rejects(Violation.BAD_BITFIELD, spare);
        assertTrue(e.getMessage().contains("spare bits"), e.getMessage());
        // A torrent of 8 pieces has no spare bits: 0xff is fine.
        ByteBuffer full = ByteBuffer.allocate(6).putInt(2).put((byte) 5).put((byte) 0xff).flip();
        assertEquals(List.of(new Message.BitfieldMessage(new byte[] {(byte) 0xff})), decodeAll(new MessageCodec(8), full));
    }

    @Test
    void aLargeBitfieldRaisesTheFrameLimit() {
        MessageCodec codec = new MessageCodec(1_000_000);
        assertEquals(1 + 125_000, codec.maxFrameLength());
        ByteBuffer header = ByteBuffer.allocate(5).putInt(1 + 125_000).put((byte) 5).flip();
        assertFalse(codec.decode(header, new RecordingSink()));
        assertEquals(4 + 1 + 125_000, codec.bytesNeeded(header));
    }

    @Test
    void truncatedFramesWaitForTheRest() {
        ByteBuffer whole = MessageCodec.encode(new Message.Request(1, 2, 3));
        MessageCodec codec = new MessageCodec(PIECES);
        for (int cut = 0; cut < whole.remaining(); cut++) {
            ByteBuffer part = whole.slice(0, cut);
            assertFalse(codec.decode(part, new RecordingSink()));
            assertEquals(0, part.position());
        }
        assertEquals(List.of(new Message.Request(1, 2, 3)), decodeAll(codec, whole));
    }

    @Test
    void unknownIdsAreSkippedAndCounted() {
        MessageCodec codec = new MessageCodec(PIECES);
        ByteBuffer stream = ByteBuffer.allocate(64);
        stream.putInt(1 + 10).put((byte) 20).put(new byte[10]);   // a BEP 10 extended message
        stream.putInt(1).put((byte) 0x0e);                          // BEP 6 HAVE ALL
        MessageCodec.encode(new Message.Have(2), stream);
        stream.flip();
        // Fed one byte at a time: the unknown payload is skipped as it comes, never buffered.
        List<Message> decoded = new ArrayList<>();
        ByteBuffer window = ByteBuffer.allocate(64);
        RecordingSink sink = new RecordingSink();
        while (stream.hasRemaining()) {
            window.put(stream.get()).flip();
            while (codec.decode(window, sink)) {
                // drain
            }
            window.compact();
        }
        decoded.addAll(sink.messages);
        assertEquals(List.of(new Message.Have(2)), decoded);
        assertEquals(2, codec.unknownMessages());
    }

    /** Random messages, encoded into one stream, arrive in random pieces through a small read buffer. */
    @Test
    void decodingIsIndependentOfHowTheBytesAreSplit() {
        Random random = new Random(20240601);
        List<Message> all = everyMessage();
        for (int round = 0; round < 200; round++) {
            List<Message> sent = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                sent.add(all.get(random.nextInt(all.size())));
            }
            ByteBuffer stream = ByteBuffer.allocate(sent.stream().mapToInt(MessageCodec::frameLength).sum());
            sent.forEach(m -> MessageCodec.encode(m, stream));
            stream.flip();
            MessageCodec codec = new MessageCodec(PIECES);
            RecordingSink sink = new RecordingSink();
            ByteBuffer readBuffer = ByteBuffer.allocate(MessageCodec.PIECE_HEADER_LENGTH + MessageCodec.BLOCK_LENGTH);
            while (stream.hasRemaining()) {
                int chunk = Math.min(stream.remaining(), Math.min(readBuffer.remaining(), 1 + random.nextInt(5000)));
                readBuffer.put(stream.slice(stream.position(), chunk));
                stream.position(stream.position() + chunk);
                readBuffer.flip();
                while (codec.decode(readBuffer, sink)) {
                    // drain
                }
                assertTrue(codec.bytesNeeded(readBuffer) <= readBuffer.capacity());
                readBuffer.compact();
            }
            assertEquals(0, readBuffer.position(), "nothing left over");
            assertEquals(sent, sink.messages, "round " + round);
        }
    }

    /**
     * The block path allocates nothing: 100,000 PIECE frames decoded into a piece buffer, with the
     * thread's allocation counter read before and after. Prints the figure for the README.
     */
    @Test
    void decodingBlocksAllocatesNothing() {
        int frames = 100_000;
        int perBuffer = 64;
        byte[] data = new byte[MessageCodec.BLOCK_LENGTH];
        new Random(3).nextBytes(data);
        ByteBuffer stream = ByteBuffer.allocateDirect(perBuffer * (MessageCodec.PIECE_HEADER_LENGTH + data.length));
        for (int i = 0; i < perBuffer; i++) {
            MessageCodec.encode(new Message.Piece(i % PIECES, (i % 16) * data.length, ByteBuffer.wrap(data)), stream);
        }
        stream.flip();
        byte[] pieceBuffer = new byte[16 * data.length];
        long[] copied = new long[1];
        MessageCodec.Sink sink = new MessageCodec.Sink() {
            @Override
            public void onMessage(Message message) {
                throw new AssertionError(message);
            }

            @Override
            public void onBlock(int piece, int offset, ByteBuffer block) {
                int length = block.remaining();
                block.get(pieceBuffer, offset, length);
                copied[0] += length;
            }
        };
        MessageCodec codec = new MessageCodec(PIECES);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        decodeFrames(codec, stream, sink, frames); // warm-up, so the measured run is compiled code
        long before = threads.getThreadAllocatedBytes(thread);
        decodeFrames(codec, stream, sink, frames);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("block path: %d bytes allocated over %d PIECE frames (%.4f bytes/frame)%n",
                allocated, frames, (double) allocated / frames);
        assertEquals(2L * frames * data.length, copied[0]);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over " + frames + " frames");
    }

    private static void decodeFrames(MessageCodec codec, ByteBuffer stream, MessageCodec.Sink sink, int frames) {
        for (int decoded = 0; decoded < frames; ) {
            stream.rewind();
            while (decoded < frames && codec.decode(stream, sink)) {
                decoded++;
            }
        }
    }
}
