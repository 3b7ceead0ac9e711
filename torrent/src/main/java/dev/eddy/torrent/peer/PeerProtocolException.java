package dev.eddy.torrent.peer;

/**
 * A peer broke the wire protocol: a frame or field of the wrong size, a bad handshake, a message at
 * the wrong time. The connection is dropped; the message says what the peer sent, for the log.
 */
public final class PeerProtocolException extends RuntimeException {
    /** What kind of rule the peer broke, for code that reacts differently to each. */
    public enum Violation {
        /** The handshake is not BitTorrent's: wrong protocol string or length. */
        BAD_HANDSHAKE,
        /** A length prefix above the frame limit (a negative or 2^31 prefix included). */
        FRAME_TOO_LONG,
        /** A frame whose length does not fit its message type. */
        BAD_LENGTH,
        /** A REQUEST or CANCEL for zero bytes or more than 128 KiB. */
        BAD_REQUEST_LENGTH,
        /** A BITFIELD of the wrong size, or with spare bits set. */
        BAD_BITFIELD,
        /** A piece index beyond the torrent's pieces, or a negative offset. */
        BAD_INDEX,
        /** A message that is not allowed where it came, such as a second BITFIELD. */
        UNEXPECTED_MESSAGE
    }

    private final Violation violation;

    /**
     * Creates the exception.
     *
     * @param violation the kind of rule broken
     * @param message what the peer sent, in words
     */
    public PeerProtocolException(Violation violation, String message) {
        super(message);
        this.violation = violation;
    }

    /** {@return the kind of rule the peer broke} */
    public Violation violation() {
        return violation;
    }
}
