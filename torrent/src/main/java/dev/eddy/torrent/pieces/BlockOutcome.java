package dev.eddy.torrent.pieces;

import java.util.List;

/**
 * What {@link PiecePicker#blockReceived} made of a PIECE message.
 *
 * @param <P> the engine's peer type
 */
public sealed interface BlockOutcome<P> {

    /**
     * The block was wanted and requested from this peer; its bytes are now in the piece buffer.
     *
     * @param block the block
     * @param requestedAt the loop time it was requested, so {@code now - requestedAt} is a latency
     *     sample for {@link RequestPipeline#blockReceived}
     * @param cancels in endgame, the other peers that also have it outstanding: send each a CANCEL
     * @param pieceComplete whether this was the piece's last missing block: hash
     *     {@link PiecePicker#pieceData(int)}, then report {@link PiecePicker#pieceVerified(int)} or
     *     {@link PiecePicker#pieceFailed(int)}
     * @param <P> the engine's peer type
     */
    record Accepted<P>(Block block, long requestedAt, List<PeerBlock<P>> cancels, boolean pieceComplete)
            implements BlockOutcome<P> {
        /** Copies the list. */
        public Accepted {
            cancels = List.copyOf(cancels);
        }
    }

    /**
     * We already have the block (an endgame race, or a piece we finished): ignored and counted.
     *
     * @param <P> the engine's peer type
     */
    record Duplicate<P>() implements BlockOutcome<P> {}

    /**
     * We did not ask this peer for it, or no longer do (cancelled, timed out, choked), or it is not
     * a block of this torrent: ignored and counted.
     *
     * @param <P> the engine's peer type
     */
    record Unrequested<P>() implements BlockOutcome<P> {}
}
