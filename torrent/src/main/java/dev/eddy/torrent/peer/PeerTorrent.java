package dev.eddy.torrent.peer;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import java.util.Objects;

/**
 * What a peer connection needs to know about its torrent: which one it is, who we are, how many
 * pieces it has (for checking messages), and who handles its messages.
 *
 * @param infoHash the torrent
 * @param localPeerId our peer id, sent in the handshake and used to spot connections to ourselves
 * @param pieceCount the torrent's number of pieces
 * @param handler the engine's side of the connection
 */
public record PeerTorrent(InfoHash infoHash, PeerId localPeerId, int pieceCount, PeerHandler handler) {
    /** Checks the fields. */
    public PeerTorrent {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(localPeerId, "localPeerId");
        Objects.requireNonNull(handler, "handler");
        if (pieceCount < 1) {
            throw new IllegalArgumentException("a torrent has at least one piece, not " + pieceCount);
        }
    }
}
