package dev.eddy.torrent.peer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One message of the peer wire protocol (BEP 3), after the handshake. {@link MessageCodec} turns
 * them into frames and back.
 *
 * <p>The messages without fields have one shared instance each ({@link #KEEP_ALIVE}, {@link #CHOKE},
 * …), so sending and receiving them allocates nothing.
 */
public sealed interface Message {

    /** The shared {@link KeepAlive}. */
    KeepAlive KEEP_ALIVE = new KeepAlive();
    /** The shared {@link Choke}. */
    Choke CHOKE = new Choke();
    /** The shared {@link Unchoke}. */
    Unchoke UNCHOKE = new Unchoke();
    /** The shared {@link Interested}. */
    Interested INTERESTED = new Interested();
    /** The shared {@link NotInterested}. */
    NotInterested NOT_INTERESTED = new NotInterested();

    /** A frame of length zero, sent to keep an idle connection open. */
    record KeepAlive() implements Message {}

    /** The sender will not answer requests until it sends {@link Unchoke}. */
    record Choke() implements Message {}

    /** The sender will answer requests. */
    record Unchoke() implements Message {}

    /** The sender wants pieces the receiver has. */
    record Interested() implements Message {}

    /** The sender wants nothing the receiver has. */
    record NotInterested() implements Message {}

    /**
     * The sender has just verified a piece.
     *
     * @param piece the piece index
     */
    record Have(int piece) implements Message {
        /** Checks the index. */
        public Have {
            requireNonNegative("piece", piece);
        }
    }

    /**
     * The pieces the sender has, sent only as its first message. The layout is {@link
     * dev.eddy.torrent.pieces.Bitfield}'s wire form.
     *
     * @param bytes the packed bits; the record keeps its own copy
     */
    record BitfieldMessage(byte[] bytes) implements Message {
        /** Copies the bytes, so the record stays immutable. */
        public BitfieldMessage {
            bytes = bytes.clone();
        }

        /** {@return a copy of the packed bits} */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** {@return how many bytes the packed bits take} */
        public int length() {
            return bytes.length;
        }

        /**
         * Builds the message from a bitfield.
         *
         * @param bitfield the pieces we have
         * @return the message
         */
        public static BitfieldMessage of(dev.eddy.torrent.pieces.Bitfield bitfield) {
            return new BitfieldMessage(bitfield.toBytes());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BitfieldMessage that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BitfieldMessage[" + bytes.length + " bytes]";
        }
    }

    /**
     * Asks for a block.
     *
     * @param piece the piece index
     * @param offset the block's offset in the piece
     * @param length the block's length in bytes
     */
    record Request(int piece, int offset, int length) implements Message {
        /** Checks that no field is negative. */
        public Request {
            requireBlock(piece, offset, length);
        }
    }

    /**
     * A block of piece data. On sending, what the socket takes at once goes straight from the block
     * buffer and only the rest is copied, so the sender may reuse its buffer as soon as the send
     * returns. On receiving, blocks do not
     * come as this record but through {@link MessageCodec.Sink#onBlock}, straight from the read
     * buffer.
     *
     * @param piece the piece index
     * @param offset the block's offset in the piece
     * @param block the data, from its position to its limit
     */
    record Piece(int piece, int offset, ByteBuffer block) implements Message {
        /** Checks that no field is negative. */
        public Piece {
            requireBlock(piece, offset, block.remaining());
        }

        /** {@return the block's length in bytes} */
        public int length() {
            return block.remaining();
        }
    }

    /**
     * Withdraws a {@link Request}.
     *
     * @param piece the piece index
     * @param offset the block's offset in the piece
     * @param length the block's length in bytes
     */
    record Cancel(int piece, int offset, int length) implements Message {
        /** Checks that no field is negative. */
        public Cancel {
            requireBlock(piece, offset, length);
        }
    }

    /**
     * The sender's DHT port (BEP 5).
     *
     * @param port a UDP port, 0 to 65535
     */
    record Port(int port) implements Message {
        /** Checks the range. */
        public Port {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
            }
        }
    }

    private static void requireBlock(int piece, int offset, int length) {
        requireNonNegative("piece", piece);
        requireNonNegative("offset", offset);
        requireNonNegative("length", length);
    }

    private static void requireNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
