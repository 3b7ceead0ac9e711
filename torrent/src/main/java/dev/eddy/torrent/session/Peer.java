package dev.eddy.torrent.session;

import dev.eddy.loop.Task;
import dev.eddy.loop.sync.Event;
import dev.eddy.torrent.peer.ChokerPeer;
import dev.eddy.torrent.peer.Message;
import dev.eddy.torrent.peer.PeerConnection;
import dev.eddy.torrent.pieces.Block;
import dev.eddy.torrent.pieces.RequestPipeline;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The engine's side of one connected peer: its connection, its request pipeline, the requests it
 * made of us waiting to be served, and what it owes the download limit. The picker and the choker key
 * on it by identity.
 */
final class Peer implements ChokerPeer {
    /** The most requests a peer may have waiting with us; more are ignored (BEP 3 clients keep far fewer). */
    static final int MAX_QUEUED_REQUESTS = RequestPipeline.MAX;

    final PeerConnection connection;
    final RequestPipeline pipeline = new RequestPipeline();
    final ArrayDeque<Message.Request> requests = new ArrayDeque<>();
    final Event requestsWaiting = new Event();
    Task<Void> uploader;
    /** Holds reading while the download limit pays for blocks already received; set once, at the handshake. */
    DownloadThrottle throttle;
    /** Where the upload task reads each block it sends; made at the first request. */
    private ByteBuffer uploadBuffer;

    Peer(PeerConnection connection) {
        this.connection = connection;
    }

    /**
     * Queues a request of the peer's, unless too many wait already.
     *
     * @return whether it was queued
     */
    boolean offer(Message.Request request) {
        if (requests.size() >= MAX_QUEUED_REQUESTS) {
            return false;
        }
        requests.add(request);
        requestsWaiting.set();
        return true;
    }

    /**
     * The buffer for the next block to upload: direct, so the read from storage and the write to the
     * socket need no temporary copies, and reused, since sending copies whatever must wait.
     *
     * @param length the block's length
     * @return the buffer, cleared, with its limit at {@code length}
     */
    ByteBuffer uploadBuffer(int length) {
        if (uploadBuffer == null || uploadBuffer.capacity() < length) {
            uploadBuffer = ByteBuffer.allocateDirect(Math.max(length, Block.SIZE));
        }
        return uploadBuffer.clear().limit(length);
    }

    /** Drops a request the peer cancelled, if it is still waiting. */
    void cancel(Message.Cancel cancel) {
        requests.remove(new Message.Request(cancel.piece(), cancel.offset(), cancel.length()));
    }

    @Override
    public double downloadRate() {
        return connection.downloadRate();
    }

    @Override
    public double uploadRate() {
        return connection.uploadRate();
    }

    @Override
    public boolean isInterested() {
        return connection.peerInterested();
    }

    @Override
    public boolean amChoking() {
        return connection.amChoking();
    }

    @Override
    public long connectedAt() {
        return connection.connectedAt();
    }

    @Override
    public String toString() {
        return "Peer[" + connection.address() + "]";
    }
}
