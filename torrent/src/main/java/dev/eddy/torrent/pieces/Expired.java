package dev.eddy.torrent.pieces;

import java.util.List;

/**
 * What {@link PiecePicker#tick(long)} took back: requests from peers that snubbed us, and requests
 * that waited too long. The blocks are free for other peers; send each listed peer a CANCEL.
 *
 * @param snubbed the peers that became snubbed in this tick
 * @param released every request taken back, snubbed peers' included
 * @param <P> the engine's peer type
 */
public record Expired<P>(List<P> snubbed, List<PeerBlock<P>> released) {
    /** Copies the lists. */
    public Expired {
        snubbed = List.copyOf(snubbed);
        released = List.copyOf(released);
    }

    /** {@return whether nothing expired} */
    public boolean isEmpty() {
        return snubbed.isEmpty() && released.isEmpty();
    }
}
