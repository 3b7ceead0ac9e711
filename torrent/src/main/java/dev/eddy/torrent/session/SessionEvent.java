package dev.eddy.torrent.session;

import dev.eddy.torrent.peer.CloseReason;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.PeerId;
import java.net.InetAddress;
import java.net.URI;

/**
 * Something that happened to a torrent, for a progress view or a log. Listeners added with
 * {@link TorrentSession#addListener} get them on the loop thread, as they happen; a listener must
 * not block, and whatever it throws is logged and ignored.
 */
public sealed interface SessionEvent {

    /**
     * The torrent moved to another state.
     *
     * @param from the state it left
     * @param to the state it is in now
     */
    record StateChanged(TorrentState from, TorrentState to) implements SessionEvent {}

    /**
     * A peer completed its handshake and was accepted.
     *
     * @param address where it is (for an incoming peer, the port it connected from)
     * @param peerId its peer id
     * @param outgoing whether we dialled it
     */
    record PeerConnected(PeerAddress address, PeerId peerId, boolean outgoing) implements SessionEvent {}

    /**
     * A peer that had connected is gone.
     *
     * @param address where it was
     * @param reason why the connection ended
     */
    record PeerDisconnected(PeerAddress address, CloseReason reason) implements SessionEvent {}

    /**
     * A tracker answered an announce.
     *
     * @param tracker its announce URL
     * @param peers how many peers it listed
     */
    record TrackerAnnounced(URI tracker, int peers) implements SessionEvent {}

    /**
     * An announce to a tracker failed.
     *
     * @param tracker its announce URL
     * @param error why, in words
     */
    record TrackerFailed(URI tracker, String error) implements SessionEvent {}

    /**
     * A downloaded piece hashed correctly and is written.
     *
     * @param piece the piece index
     */
    record PieceVerified(int piece) implements SessionEvent {}

    /**
     * A downloaded piece failed its hash check; it is fetched again.
     *
     * @param piece the piece index
     */
    record PieceFailed(int piece) implements SessionEvent {}

    /**
     * An address sent too much bad data and is banned for the rest of the session.
     *
     * @param address the IP address
     */
    record PeerBanned(InetAddress address) implements SessionEvent {}

    /**
     * The torrent stopped because of an error, such as a full disk; {@link TorrentSession#error()}
     * has it too. Pieces verified before it are kept.
     *
     * @param error what went wrong; a {@link dev.eddy.torrent.storage.StorageException} names the file
     */
    record Failed(Exception error) implements SessionEvent {}
}
