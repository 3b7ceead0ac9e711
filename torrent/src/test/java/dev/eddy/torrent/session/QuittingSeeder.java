package dev.eddy.torrent.session;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.peer.CloseReason;
import dev.eddy.torrent.peer.ConnectionLimits;
import dev.eddy.torrent.peer.IncomingDispatcher;
import dev.eddy.torrent.peer.Message;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.peer.PeerConnection;
import dev.eddy.torrent.peer.PeerHandler;
import dev.eddy.torrent.peer.PeerOptions;
import dev.eddy.torrent.peer.PeerTorrent;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.tracker.PeerId;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * A scripted seeder on the bare peer wire: it has every piece and unchokes at once, answers a few
 * requests, and then drops the connection, leaving the piece it was sending unfinished. It counts
 * the HAVEs it is sent.
 */
final class QuittingSeeder implements PeerHandler {
    private final Metainfo metainfo;
    private final byte[] data;
    private final int blocksBeforeQuitting;
    private final IncomingDispatcher dispatcher;
    private final Set<Integer> piecesTouched = new HashSet<>();
    private int blocksSent;
    private int havesReceived;

    QuittingSeeder(EventLoop loop, Metainfo metainfo, byte[] data, int blocksBeforeQuitting) {
        this.metainfo = metainfo;
        this.data = data;
        this.blocksBeforeQuitting = blocksBeforeQuitting;
        this.dispatcher = new IncomingDispatcher(loop, new ConnectionLimits(10, 10), PeerOptions.DEFAULTS);
        dispatcher.register(new PeerTorrent(metainfo.infoHash(), PeerId.generate(), metainfo.pieceCount(), this));
        dispatcher.listen("127.0.0.1", 0).await();
    }

    PeerAddress address() {
        return new PeerAddress(InetAddress.getLoopbackAddress(), dispatcher.server().port());
    }

    int blocksSent() {
        return blocksSent;
    }

    int havesReceived() {
        return havesReceived;
    }

    /** Whether no piece it sent blocks of got all its blocks from it. */
    boolean leftInMidPiece() {
        int blocksPerPiece = metainfo.pieceLength() / 16384;
        return piecesTouched.size() * blocksPerPiece > blocksSent;
    }

    void close() {
        dispatcher.close();
    }

    @Override
    public void onHandshake(PeerConnection connection) {
        Bitfield all = new Bitfield(metainfo.pieceCount());
        for (int piece = 0; piece < metainfo.pieceCount(); piece++) {
            all.set(piece);
        }
        connection.trySend(Message.BitfieldMessage.of(all));
        connection.trySend(Message.UNCHOKE);
    }

    @Override
    public void onMessage(PeerConnection connection, Message message) {
        if (message instanceof Message.Have) {
            havesReceived++;
        }
        if (!(message instanceof Message.Request request) || connection.closeReason() != null) {
            return;
        }
        if (blocksSent == blocksBeforeQuitting) {
            connection.close(new CloseReason.LocalStop("quitting in mid-piece"));
            return;
        }
        long at = (long) request.piece() * metainfo.pieceLength() + request.offset();
        ByteBuffer block = ByteBuffer.wrap(data, (int) at, request.length()).slice();
        connection.trySend(new Message.Piece(request.piece(), request.offset(), block));
        piecesTouched.add(request.piece());
        blocksSent++;
    }

    @Override
    public void onBlock(PeerConnection connection, int piece, int offset, ByteBuffer block) {}
}
