package dev.eddy.torrent.peer;

import dev.eddy.torrent.pieces.Block;
import java.nio.ByteBuffer;

/**
 * What a torrent's engine implements to hear from its peer connections. Every call comes on the
 * loop thread, from the connection's task, in the order the peer sent things.
 *
 * <p>{@link PeerConnection} keeps the choke, interest and bitfield state itself and updates it
 * before each call, so the handler sees the new state. Handlers should not block; they may call
 * {@link PeerConnection#trySend} freely, but {@link PeerConnection#send} suspends the connection's
 * reading while it waits for queue space, so two peers that both wait that way would wait forever.
 */
public interface PeerHandler {

    /**
     * The handshake is done and the peer is known by its {@linkplain PeerConnection#remotePeerId()
     * peer id}. This is the place to refuse it, for instance as a duplicate of a peer already
     * connected: {@code connection.close(new CloseReason.Duplicate(connection.remotePeerId()))}.
     * Otherwise the usual next step is sending our BITFIELD.
     *
     * @param connection the new connection
     */
    default void onHandshake(PeerConnection connection) {}

    /**
     * A message other than PIECE arrived (keep-alives included).
     *
     * @param connection the connection it came on
     * @param message the message
     */
    void onMessage(PeerConnection connection, Message message);

    /**
     * A PIECE arrived. The block is a view of the connection's read buffer, valid only during this
     * call: copy it into the piece buffer and let go of it.
     *
     * @param connection the connection it came on
     * @param piece the piece index, within the torrent
     * @param offset the block's offset in the piece, not negative
     * @param block the data, from its position to its limit
     */
    void onBlock(PeerConnection connection, int piece, int offset, ByteBuffer block);

    /**
     * Where the next blocks from this peer should land, for reading them from the socket straight
     * into their piece buffers: fill {@code blocks} with the blocks the peer will most likely send
     * next (outstanding requests, oldest first) and {@code pieceBuffers} with the buffer of each
     * one's piece, where its bytes go at the block's offset, and return how many. Only name blocks
     * that no other connection may deliver meanwhile: bytes read into place are written before
     * anyone checks what they are. Each block read in full is
     * then reported through {@link #onBlockLanded}; one that turns out not to come next is received
     * through {@link #onBlock} as usual. The default names none, and every block is copied.
     *
     * @param connection the connection asking
     * @param blocks receives the blocks
     * @param pieceBuffers receives each block's piece buffer, the whole of it (its position and limit
     *     are left alone): the block's bytes go from the block's offset on
     * @return how many were filled in, at most {@code blocks.length}
     */
    default int landings(PeerConnection connection, Block[] blocks, ByteBuffer[] pieceBuffers) {
        return 0;
    }

    /**
     * A PIECE arrived whose data was read straight into the target {@link #landings} gave for it:
     * {@link #onBlock} with the bytes already in place.
     *
     * @param connection the connection it came on
     * @param piece the piece index
     * @param offset the block's offset in the piece
     * @param length the block's length
     */
    default void onBlockLanded(PeerConnection connection, int piece, int offset, int length) {
        throw new IllegalStateException("a block landed on a handler that names no landings");
    }

    /**
     * The connection ended, after {@link #onHandshake} was called for it; connections that never
     * got that far are not reported here (see {@link PeerConnection#closed()}). Comes on a later
     * loop iteration than the close itself, never inside another of these calls.
     *
     * @param connection the connection
     * @param reason why it ended
     */
    default void onClosed(PeerConnection connection, CloseReason reason) {}
}
