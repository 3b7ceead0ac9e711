package dev.eddy.torrent.pieces;

/** The picker's record of one peer: what it has, and what we asked it for, oldest first. */
final class PeerRequests<P> {
    final P peer;
    final Bitfield has;
    final OutstandingRequests outstanding = new OutstandingRequests();
    /** How many of its pieces we lack: it is interesting while this is above zero. */
    int wanted;
    /** The piece it was last given blocks from, tried first next time. */
    int lastPiece = -1;
    boolean unchoked;
    boolean snubbed;
    /** When it last made progress, or when we started waiting on it: the snub clock's origin. */
    long progressAt;

    PeerRequests(P peer, Bitfield has) {
        this.peer = peer;
        this.has = has;
    }
}
