package dev.eddy.torrent.pieces;

import java.util.Collections;
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
     * <p>A block arrives every 16 KiB, so the picker does not allocate an outcome for each: it
     * refills one instance of its own. What it says is valid until the picker's next
     * {@link PiecePicker#blockReceived blockReceived}; copy anything needed for longer.
     *
     * @param <P> the engine's peer type
     */
    final class Accepted<P> implements BlockOutcome<P> {
        private final List<PeerBlock<P>> cancelView;
        private Block block;
        private long requestedAt;
        private List<PeerBlock<P>> cancels = List.of();
        private boolean pieceComplete;

        /** An outcome to be {@linkplain #set filled} by its picker, showing the picker's list of CANCELs. */
        Accepted(List<PeerBlock<P>> cancelList) {
            this.cancelView = Collections.unmodifiableList(cancelList);
        }

        /** Fills the outcome for one more block; {@code hasCancels} says whether the picker's list is current. */
        Accepted<P> set(Block block, long requestedAt, boolean hasCancels, boolean pieceComplete) {
            this.block = block;
            this.requestedAt = requestedAt;
            // An empty list whose iterator is shared: the engine loops over the CANCELs of every block.
            this.cancels = hasCancels ? cancelView : Collections.emptyList();
            this.pieceComplete = pieceComplete;
            return this;
        }

        /** {@return the block} */
        public Block block() {
            return block;
        }

        /**
         * The loop time the block was requested, so {@code now - requestedAt} is a latency sample for
         * {@link RequestPipeline#blockReceived}.
         *
         * @return the request's loop time
         */
        public long requestedAt() {
            return requestedAt;
        }

        /**
         * In endgame, the other peers that also had the block outstanding: send each a CANCEL. The
         * list cannot be changed, and like the rest of the outcome it is valid until the next block.
         *
         * @return the CANCELs to send, usually none
         */
        public List<PeerBlock<P>> cancels() {
            return cancels;
        }

        /**
         * Whether this was the piece's last missing block: hash {@link PiecePicker#pieceData(int)},
         * then report {@link PiecePicker#pieceVerified(int)} or {@link PiecePicker#pieceFailed(int)}.
         *
         * @return whether the piece is complete
         */
        public boolean pieceComplete() {
            return pieceComplete;
        }

        @Override
        public String toString() {
            return "Accepted[block=" + block + ", requestedAt=" + requestedAt + ", cancels=" + cancels
                    + ", pieceComplete=" + pieceComplete + "]";
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
