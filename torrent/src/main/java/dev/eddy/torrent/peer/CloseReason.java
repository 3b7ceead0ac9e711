package dev.eddy.torrent.peer;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import java.time.Duration;

/**
 * Why a {@link PeerConnection} ended. The engine matches on these: a peer that broke the protocol
 * may be banned, one that merely went away may be dialled again later.
 */
public sealed interface CloseReason {

    /** {@return whether the peer misbehaved, as opposed to going away or being refused by us} */
    default boolean blamesPeer() {
        return false;
    }

    /**
     * The TCP connection could not be made (refused, unreachable, or the connect timeout passed).
     *
     * @param cause the loop's {@link dev.eddy.loop.net.ConnectionException}
     */
    record ConnectFailed(Throwable cause) implements CloseReason {
        @Override
        public String toString() {
            return "connect failed: " + cause.getMessage();
        }
    }

    /**
     * The peer broke the wire protocol.
     *
     * @param error what it sent
     */
    record ProtocolError(PeerProtocolException error) implements CloseReason {
        @Override
        public boolean blamesPeer() {
            return true;
        }

        @Override
        public String toString() {
            return "protocol error: " + error.getMessage();
        }
    }

    /**
     * The handshake did not complete in time.
     *
     * @param after the handshake timeout
     */
    record HandshakeTimeout(Duration after) implements CloseReason {
        @Override
        public boolean blamesPeer() {
            return true;
        }

        @Override
        public String toString() {
            return "no handshake within " + after.toSeconds() + " s";
        }
    }

    /**
     * The peer sent nothing, not even a keep-alive, for too long.
     *
     * @param silentFor how long it was silent
     */
    record IdleTimeout(Duration silentFor) implements CloseReason {
        @Override
        public boolean blamesPeer() {
            return true;
        }

        @Override
        public String toString() {
            return "silent for " + silentFor.toSeconds() + " s";
        }
    }

    /**
     * The peer stopped reading: even the small messages that may queue past the write queue's cap
     * (see {@link PeerConnection#trySend}) filled their allowance.
     *
     * @param queuedBytes what was waiting for it
     */
    record NotReading(int queuedBytes) implements CloseReason {
        @Override
        public boolean blamesPeer() {
            return true;
        }

        @Override
        public String toString() {
            return "not reading: " + queuedBytes + " bytes waiting for it";
        }
    }

    /**
     * The peer we dialled answered for another torrent.
     *
     * @param expected the torrent we asked for
     * @param received the one it named
     */
    record InfoHashMismatch(InfoHash expected, InfoHash received) implements CloseReason {
        @Override
        public boolean blamesPeer() {
            return true;
        }

        @Override
        public String toString() {
            return "info hash mismatch: asked for " + expected + ", peer has " + received;
        }
    }

    /**
     * An incoming peer asked for a torrent we do not serve.
     *
     * @param requested the info hash it named
     */
    record UnknownTorrent(InfoHash requested) implements CloseReason {
        @Override
        public String toString() {
            return "no such torrent here: " + requested;
        }
    }

    /** We connected to ourselves: the remote peer id is our own. */
    record SelfConnection() implements CloseReason {
        @Override
        public String toString() {
            return "connected to ourselves";
        }
    }

    /**
     * The torrent already has a connection to this peer id.
     *
     * @param peerId the remote peer id
     */
    record Duplicate(PeerId peerId) implements CloseReason {
        @Override
        public String toString() {
            return "already connected to peer " + peerId;
        }
    }

    /**
     * A connection limit refused the peer.
     *
     * @param limit which limit, in words
     */
    record LimitReached(String limit) implements CloseReason {
        @Override
        public String toString() {
            return "connection limit reached: " + limit;
        }
    }

    /** The peer closed the connection. */
    record RemoteClosed() implements CloseReason {
        @Override
        public String toString() {
            return "closed by the peer";
        }
    }

    /**
     * The connection failed after it was made: a reset, a broken pipe.
     *
     * @param cause the failure
     */
    record IoError(Throwable cause) implements CloseReason {
        @Override
        public String toString() {
            return "connection lost: " + cause.getMessage();
        }
    }

    /**
     * Our side closed the connection: the torrent stopped, or the engine dropped the peer.
     *
     * @param why the reason, in words
     */
    record LocalStop(String why) implements CloseReason {
        @Override
        public String toString() {
            return "closed by us: " + why;
        }
    }

    /**
     * Our own code failed while handling the connection (a bug in a handler, for instance).
     *
     * @param cause the failure
     */
    record Failure(Throwable cause) implements CloseReason {
        @Override
        public String toString() {
            return "internal failure: " + cause;
        }
    }
}
