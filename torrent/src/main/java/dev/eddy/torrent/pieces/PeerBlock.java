package dev.eddy.torrent.pieces;

import java.util.Objects;

/**
 * A block that concerns one peer: a request to cancel, or one taken back from it.
 *
 * @param peer the peer, as the engine identifies it
 * @param block the block
 * @param <P> the engine's peer type
 */
public record PeerBlock<P>(P peer, Block block) {
    /** Checks for nulls. */
    public PeerBlock {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(block, "block");
    }
}
