package dev.eddy.torrent.peer;

import dev.eddy.torrent.peer.PeerProtocolException.Violation;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.pieces.Block;
import java.nio.ByteBuffer;

/**
 * Frames {@link Message}s for the wire and decodes them back, one torrent's worth of rules at a
 * time: a frame is a 4-byte big-endian length, a 1-byte message id and the payload.
 *
 * <p>Decoding is incremental and checks every length before anything is allocated or waited for:
 * <ul>
 *   <li>a length prefix above {@link #maxFrameLength()} fails at once, a negative or 2^31 prefix
 *       included, without waiting for the bytes it claims;</li>
 *   <li>each known message must have its exact length: a BITFIELD has exactly
 *       {@code ceil(pieces / 8)} bytes with its spare bits zero, a PIECE carries at most
 *       {@code maxBlockLength} bytes, a REQUEST or CANCEL asks for 1 byte to 128 KiB;</li>
 *   <li>piece indexes must lie within the torrent, offsets must not be negative;</li>
 *   <li>a frame with an unknown id is skipped as it arrives, never buffered, and counted in
 *       {@link #unknownMessages()}: BEP 3 says to ignore them, and since Eddy sets no extension bit,
 *       a peer that sends one (BEP 6's HAVE ALL, BEP 10's extended messages) is only being
 *       optimistic. It must still fit the frame limit.</li>
 * </ul>
 * A partial frame stays in the buffer for the next call. Received blocks never become a
 * {@link Message.Piece}: {@link Sink#onBlock} sees them in the read buffer itself, so the consumer
 * copies each block once, straight into its piece buffer, and decoding a PIECE allocates nothing.
 *
 * <p>Not thread-safe: one codec per connection.
 */
public final class MessageCodec {
    /** The most a REQUEST or CANCEL may ask for; bigger ones end the connection. */
    public static final int MAX_REQUEST_LENGTH = 128 * 1024;
    /** The block size every client uses, and the default limit on a received PIECE's data. */
    public static final int BLOCK_LENGTH = 16 * 1024;
    /** The length of a PIECE frame before its data: prefix, id, piece and offset. */
    public static final int PIECE_HEADER_LENGTH = 4 + 1 + 4 + 4;
    /** The length of a REQUEST frame: prefix, id, piece, offset and length. */
    static final int REQUEST_FRAME_LENGTH = 4 + 1 + 12;

    private static final int CHOKE = 0;
    private static final int UNCHOKE = 1;
    private static final int INTERESTED = 2;
    private static final int NOT_INTERESTED = 3;
    private static final int HAVE = 4;
    private static final int BITFIELD = 5;
    private static final int REQUEST = 6;
    private static final int PIECE = 7;
    private static final int CANCEL = 8;
    private static final int PORT = 9;

    /** Where decoded messages go. Called on the decoding thread, inline. */
    public interface Sink {
        /**
         * A message other than PIECE arrived.
         *
         * @param message the message
         */
        void onMessage(Message message);

        /**
         * A PIECE arrived. {@code block} is the read buffer itself, its position and limit set around
         * the data, and is valid only during this call: copy the bytes out (moving its position is
         * fine) and do not keep the buffer.
         *
         * @param piece the piece index, within the torrent
         * @param offset the block's offset in the piece, not negative
         * @param block the data, from its position to its limit
         */
        void onBlock(int piece, int offset, ByteBuffer block);
    }

    private final int pieceCount;
    private final int bitfieldLength;
    private final int maxBlockLength;
    private final int maxFrameLength;
    private int skipping;
    private long unknownMessages;

    /**
     * A codec for a torrent of {@code pieceCount} pieces that accepts blocks of up to
     * {@value #BLOCK_LENGTH} bytes.
     *
     * @param pieceCount the torrent's number of pieces
     */
    public MessageCodec(int pieceCount) {
        this(pieceCount, BLOCK_LENGTH);
    }

    /**
     * A codec for a torrent of {@code pieceCount} pieces.
     *
     * @param pieceCount the torrent's number of pieces
     * @param maxBlockLength the most data a received PIECE may carry: the largest block we request
     */
    public MessageCodec(int pieceCount, int maxBlockLength) {
        if (pieceCount < 1) {
            throw new IllegalArgumentException("a torrent has at least one piece, not " + pieceCount);
        }
        if (maxBlockLength < 1 || maxBlockLength > MAX_REQUEST_LENGTH) {
            throw new IllegalArgumentException("the block limit is 1 to " + MAX_REQUEST_LENGTH + " bytes, not " + maxBlockLength);
        }
        this.pieceCount = pieceCount;
        this.bitfieldLength = Bitfield.byteLength(pieceCount);
        this.maxBlockLength = maxBlockLength;
        this.maxFrameLength = Math.max(1 + 8 + maxBlockLength, 1 + bitfieldLength);
    }

    /** {@return the largest length prefix accepted: a PIECE of the largest block, or the BITFIELD if longer} */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** {@return the torrent's number of pieces} */
    public int pieceCount() {
        return pieceCount;
    }

    /** {@return whether the codec is partway through skipping an unknown frame, so the next byte is not a frame's first} */
    boolean isSkipping() {
        return skipping > 0;
    }

    /** {@return how many frames with unknown message ids were skipped} */
    public long unknownMessages() {
        return unknownMessages;
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes at most one frame from {@code in}, from its position to its limit.
     *
     * @param in received bytes; its position moves past what was consumed
     * @param sink where the message goes
     * @return {@code true} if bytes were consumed (a whole frame, or part of an unknown one being
     *     skipped), {@code false} if the next frame is not complete yet
     * @throws PeerProtocolException if the frame breaks a rule; nothing was consumed then
     */
    public boolean decode(ByteBuffer in, Sink sink) {
        if (skipping > 0) {
            int count = Math.min(skipping, in.remaining());
            in.position(in.position() + count);
            skipping -= count;
            return count > 0;
        }
        if (in.remaining() < 4) {
            return false;
        }
        int start = in.position();
        long length = Integer.toUnsignedLong(in.getInt(start));
        if (length > maxFrameLength) {
            throw violation(Violation.FRAME_TOO_LONG, "a frame of " + length + " bytes is over the limit of "
                    + maxFrameLength + " for this torrent");
        }
        if (length == 0) {
            in.position(start + 4);
            sink.onMessage(Message.KEEP_ALIVE);
            return true;
        }
        if (in.remaining() < 5) {
            return false;
        }
        int id = in.get(start + 4) & 0xff;
        int payload = (int) length - 1;
        if (!checkPayloadLength(id, payload)) {
            unknownMessages++;
            in.position(start + 5);
            skipping = payload;
            return true;
        }
        int end = start + 4 + (int) length;
        if (in.limit() < end) {
            return false;
        }
        int at = start + 5;
        if (id == PIECE) {
            int piece = checkPiece("PIECE", in.getInt(at));
            int offset = checkOffset("PIECE", in.getInt(at + 4));
            int limit = in.limit();
            in.position(at + 8).limit(end);
            try {
                sink.onBlock(piece, offset, in);
            } finally {
                in.limit(limit).position(end);
            }
            return true;
        }
        Message message = switch (id) {
            case CHOKE -> Message.CHOKE;
            case UNCHOKE -> Message.UNCHOKE;
            case INTERESTED -> Message.INTERESTED;
            case NOT_INTERESTED -> Message.NOT_INTERESTED;
            case HAVE -> new Message.Have(checkPiece("HAVE", in.getInt(at)));
            case BITFIELD -> decodeBitfield(in, at);
            case REQUEST -> {
                checkBlockFields("REQUEST", in, at);
                yield new Message.Request(in.getInt(at), in.getInt(at + 4), in.getInt(at + 8));
            }
            case CANCEL -> {
                checkBlockFields("CANCEL", in, at);
                yield new Message.Cancel(in.getInt(at), in.getInt(at + 4), in.getInt(at + 8));
            }
            case PORT -> new Message.Port(in.getShort(at) & 0xffff);
            default -> throw new IllegalStateException("id " + id + " passed the length check");
        };
        in.position(end);
        sink.onMessage(message);
        return true;
    }

    /**
     * How many bytes, from the buffer's position, the next frame needs before {@link #decode} can
     * take it; the caller makes its buffer at least this big. Only meaningful after
     * {@code decode} returned {@code false}.
     *
     * @param in the received bytes
     * @return the size of the next frame, length prefix included, or 5 while its header is incomplete
     */
    public int bytesNeeded(ByteBuffer in) {
        if (skipping > 0 || in.remaining() < 5) {
            return 5;
        }
        return 4 + in.getInt(in.position());
    }

    /** Checks a known message's payload length; {@code false} for an unknown id. */
    private boolean checkPayloadLength(int id, int payload) {
        int expected;
        switch (id) {
            case CHOKE, UNCHOKE, INTERESTED, NOT_INTERESTED -> expected = 0;
            case HAVE -> expected = 4;
            case REQUEST, CANCEL -> expected = 12;
            case PORT -> expected = 2;
            case BITFIELD -> {
                if (payload != bitfieldLength) {
                    throw violation(Violation.BAD_BITFIELD, "a BITFIELD of " + payload + " bytes for a torrent of "
                            + pieceCount + " pieces, which needs exactly " + bitfieldLength);
                }
                return true;
            }
            case PIECE -> {
                if (payload <= 8 || payload > 8 + maxBlockLength) {
                    throw violation(Violation.BAD_LENGTH, "a PIECE with " + (payload - 8) + " bytes of data; blocks are 1 to "
                            + maxBlockLength + " bytes");
                }
                return true;
            }
            default -> {
                return false;
            }
        }
        if (payload != expected) {
            throw violation(Violation.BAD_LENGTH, "message id " + id + " with a payload of " + payload
                    + " bytes instead of " + expected);
        }
        return true;
    }

    private Message decodeBitfield(ByteBuffer in, int at) {
        int spareBits = bitfieldLength * 8 - pieceCount;
        int last = in.get(at + bitfieldLength - 1) & 0xff;
        if ((last & ((1 << spareBits) - 1)) != 0) {
            throw violation(Violation.BAD_BITFIELD, "a BITFIELD with spare bits set after the last of " + pieceCount
                    + " pieces (last byte " + Integer.toHexString(last) + ")");
        }
        byte[] bits = new byte[bitfieldLength];
        in.get(at, bits);
        return new Message.BitfieldMessage(bits);
    }

    private void checkBlockFields(String what, ByteBuffer in, int at) {
        checkPiece(what, in.getInt(at));
        checkOffset(what, in.getInt(at + 4));
        int length = in.getInt(at + 8);
        if (length <= 0 || length > MAX_REQUEST_LENGTH) {
            throw violation(Violation.BAD_REQUEST_LENGTH, "a " + what + " for " + Integer.toUnsignedLong(length)
                    + " bytes; a block is 1 to " + MAX_REQUEST_LENGTH + " bytes");
        }
    }

    private int checkPiece(String what, int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw violation(Violation.BAD_INDEX, "a " + what + " for piece " + Integer.toUnsignedLong(piece)
                    + " of a torrent with " + pieceCount + " pieces");
        }
        return piece;
    }

    private static int checkOffset(String what, int offset) {
        if (offset < 0) {
            throw violation(Violation.BAD_INDEX, "a " + what + " at offset " + Integer.toUnsignedLong(offset)
                    + ", beyond any piece");
        }
        return offset;
    }

    private static PeerProtocolException violation(Violation violation, String message) {
        return new PeerProtocolException(violation, message);
    }

    // ---------------------------------------------------------------- encoding

    /**
     * The size of a message's frame on the wire, length prefix and block data included.
     *
     * @param message the message
     * @return its frame length in bytes
     */
    public static int frameLength(Message message) {
        return 4 + switch (message) {
            case Message.KeepAlive k -> 0;
            case Message.Choke c -> 1;
            case Message.Unchoke u -> 1;
            case Message.Interested i -> 1;
            case Message.NotInterested n -> 1;
            case Message.Have h -> 5;
            case Message.BitfieldMessage b -> 1 + b.length();
            case Message.Request r -> 13;
            case Message.Piece p -> 9 + p.length();
            case Message.Cancel c -> 13;
            case Message.Port p -> 3;
        };
    }

    /**
     * Encodes a whole frame into a new buffer, block data included.
     *
     * @param message the message
     * @return the frame, ready to read
     */
    public static ByteBuffer encode(Message message) {
        ByteBuffer out = ByteBuffer.allocate(frameLength(message));
        encode(message, out);
        return out.flip();
    }

    /**
     * Encodes a whole frame, block data included, at {@code out}'s position.
     *
     * @param message the message
     * @param out where the frame goes; it needs {@link #frameLength} bytes remaining
     */
    public static void encode(Message message, ByteBuffer out) {
        out.putInt(frameLength(message) - 4);
        switch (message) {
            case Message.KeepAlive k -> { }
            case Message.Choke c -> out.put((byte) CHOKE);
            case Message.Unchoke u -> out.put((byte) UNCHOKE);
            case Message.Interested i -> out.put((byte) INTERESTED);
            case Message.NotInterested n -> out.put((byte) NOT_INTERESTED);
            case Message.Have h -> out.put((byte) HAVE).putInt(h.piece());
            case Message.BitfieldMessage b -> out.put((byte) BITFIELD).put(b.bytes());
            case Message.Request r -> out.put((byte) REQUEST).putInt(r.piece()).putInt(r.offset()).putInt(r.length());
            case Message.Piece p -> out.put((byte) PIECE).putInt(p.piece()).putInt(p.offset()).put(p.block().duplicate());
            case Message.Cancel c -> out.put((byte) CANCEL).putInt(c.piece()).putInt(c.offset()).putInt(c.length());
            case Message.Port p -> out.put((byte) PORT).putShort((short) p.port());
        }
    }

    /**
     * Encodes a PIECE frame's header alone, so the block can follow it to the transport without a copy.
     *
     * @param piece the message
     * @return the {@value #PIECE_HEADER_LENGTH} header bytes, ready to read
     */
    public static ByteBuffer encodePieceHeader(Message.Piece piece) {
        ByteBuffer out = ByteBuffer.allocate(PIECE_HEADER_LENGTH);
        encodePieceHeader(piece, out);
        return out.flip();
    }

    /** Encodes a PIECE frame's header at {@code out}'s position; it needs {@value #PIECE_HEADER_LENGTH} bytes remaining. */
    static void encodePieceHeader(Message.Piece piece, ByteBuffer out) {
        out.putInt(9 + piece.length()).put((byte) PIECE).putInt(piece.piece()).putInt(piece.offset());
    }

    /**
     * Encodes a REQUEST for a block at {@code out}'s position, as {@link #encode(Message, ByteBuffer)}
     * would a {@link Message.Request} of it, without making one.
     */
    static void encodeRequest(Block block, ByteBuffer out) {
        out.putInt(REQUEST_FRAME_LENGTH - 4).put((byte) REQUEST).putInt(block.piece()).putInt(block.offset())
                .putInt(block.length());
    }
}
