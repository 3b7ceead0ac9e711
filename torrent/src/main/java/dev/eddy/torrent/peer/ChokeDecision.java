package dev.eddy.torrent.peer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link Choker} evaluation.
 *
 * @param regular the peers holding regular slots, best rate first
 * @param optimistic the peer holding the optimistic slot, if any
 * @param toUnchoke peers we choke now and must send UNCHOKE
 * @param toChoke peers we unchoke now and must send CHOKE
 * @param <P> the engine's peer type
 */
public record ChokeDecision<P extends ChokerPeer>(
        List<P> regular, Optional<P> optimistic, List<P> toUnchoke, List<P> toChoke) {

    /** Copies the lists. */
    public ChokeDecision {
        regular = List.copyOf(regular);
        Objects.requireNonNull(optimistic, "optimistic");
        toUnchoke = List.copyOf(toUnchoke);
        toChoke = List.copyOf(toChoke);
    }
}
