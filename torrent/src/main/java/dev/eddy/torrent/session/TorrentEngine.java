package dev.eddy.torrent.session;

import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimerHandle;
import dev.eddy.loop.sync.Event;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.peer.ChokeDecision;
import dev.eddy.torrent.peer.Choker;
import dev.eddy.torrent.peer.CloseReason;
import dev.eddy.torrent.peer.ConnectionLimits;
import dev.eddy.torrent.peer.Message;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.peer.PeerConnection;
import dev.eddy.torrent.peer.PeerHandler;
import dev.eddy.torrent.peer.PeerOptions;
import dev.eddy.torrent.peer.PeerTorrent;
import dev.eddy.torrent.pieces.BanList;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.pieces.Block;
import dev.eddy.torrent.pieces.BlockOutcome;
import dev.eddy.torrent.pieces.Expired;
import dev.eddy.torrent.pieces.PeerBlock;
import dev.eddy.torrent.pieces.PieceGeometry;
import dev.eddy.torrent.pieces.PickerSettings;
import dev.eddy.torrent.pieces.PiecePicker;
import dev.eddy.torrent.pieces.RateMeter;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageException;
import dev.eddy.torrent.tracker.PeerId;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The peers of one running torrent and everything between them and the files: dialling, the
 * handshake's admission rules, interest, requests through the {@link PiecePicker}, verification
 * and writing of complete pieces, HAVEs, bans, the choker, and serving requests. It is the
 * torrent's {@link PeerHandler}. Used on the loop thread only.
 */
final class TorrentEngine implements PeerHandler {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final int TICKS_PER_CHOKE = (int) (Choker.INTERVAL.toMillis() / TICK.toMillis());
    private static final Duration RATE_TIME_CONSTANT = Duration.ofSeconds(5);
    /** As blocks arrive, a peer's requests are topped up once this fraction of its pipeline is free. */
    private static final int REFILL_BATCHES = 8;

    private final TorrentSession session;
    private final Client client;
    private final EventLoop loop;
    private final Metainfo metainfo;
    private final PieceGeometry geometry;
    private final Storage storage;
    private final PieceVerifier verifier;
    private final EarlyWriteback writeback;
    private final PiecePicker<Peer> picker;
    private final KnownPeers knownPeers;
    private final RateLimits limits;
    private final PeerOptions peerOptions;
    private final PeerTorrent peerTorrent;
    private final BanList banList = new BanList();
    private final Choker choker = new Choker(new Random());
    private final Map<PeerConnection, Peer> peers = new LinkedHashMap<>();
    private final Map<PeerId, Peer> byId = new HashMap<>();
    private final SourceTally bySource = new SourceTally();
    private final Set<PeerConnection> dialling = new java.util.HashSet<>();
    private final Event dialWake = new Event();
    /** Set whenever no complete piece is being hashed or written off the loop thread. */
    private final Event commitsIdle = new Event();
    private final RateMeter downloadMeter = new RateMeter(RATE_TIME_CONSTANT);
    private final RateMeter uploadMeter = new RateMeter(RATE_TIME_CONSTANT);
    private final Bitfield have;
    /** The blocks of one refill, reused from refill to refill. */
    private final List<Block> picked = new ArrayList<>();
    private long verifiedBytes;
    private long downloaded;
    private long uploaded;
    private long fetched;
    private Task<Void> dialer;
    private TimerHandle ticker;
    private int ticks;
    private int commitsPending;
    private boolean stopped;

    TorrentEngine(TorrentSession session, Client client, Storage storage, PieceVerifier verifier, Bitfield have,
            TorrentOptions options, KnownPeers knownPeers) {
        this.session = session;
        this.client = client;
        this.loop = client.loop();
        this.metainfo = session.metainfo();
        this.geometry = PieceGeometry.of(metainfo);
        this.storage = storage;
        this.verifier = verifier;
        this.writeback = new EarlyWriteback(loop, storage);
        this.have = have.copy();
        this.knownPeers = knownPeers;
        this.limits = client.rateLimits(options);
        this.peerOptions = client.options().peerOptions();
        this.picker = new PiecePicker<>(geometry, have, client.pieceBuffers(), new Random(), PickerSettings.DEFAULTS);
        picker.setSequential(options.sequential());
        for (int piece = have.nextSetBit(0); piece >= 0; piece = piece + 1 < have.size() ? have.nextSetBit(piece + 1) : -1) {
            verifiedBytes += geometry.pieceSize(piece);
        }
        this.peerTorrent = new PeerTorrent(metainfo.infoHash(), client.identity().peerId(), metainfo.pieceCount(), this);
        commitsIdle.set();
    }

    PeerTorrent peerTorrent() {
        return peerTorrent;
    }

    void start() {
        dialer = loop.createTask("dial " + metainfo.name(), this::dial);
        ticker = loop.callLater(TICK, this::tick);
    }

    /**
     * Stops requesting, uploading and dialling, and closes every connection; then waits for the
     * pieces being hashed and written (a piece that lands counts as verified) and releases the piece
     * buffers. Suspends the calling task for that wait, which lasts as long as the disk takes for
     * the pieces queued, at most a pool's worth.
     */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (ticker != null) {
            ticker.cancel();
        }
        if (dialer != null) {
            dialer.cancel("torrent stopped");
        }
        for (PeerConnection connection : List.copyOf(dialling)) {
            connection.close(new CloseReason.LocalStop("torrent stopped"));
        }
        for (Peer peer : List.copyOf(peers.values())) {
            stopUploads(peer);
            peer.throttle.cancel();
            peer.connection.close(new CloseReason.LocalStop("torrent stopped"));
        }
        while (commitsPending > 0) {
            commitsIdle.await();
        }
        picker.releaseBuffers();
    }

    // ---------------------------------------------------------------- dialling

    void wakeDialer() {
        dialWake.set();
    }

    private void dial() {
        ConnectionLimits connectionLimits = client.limits();
        while (true) {
            dialWake.clear();
            PeerAddress next = connectionLimits.limitReached(metainfo.infoHash()) == null
                    ? knownPeers.next(loop.time(), address -> banList.isBanned(address.address())) : null;
            if (next == null) {
                dialWake.await();
                continue;
            }
            Optional<ConnectionLimits.Slot> slot = connectionLimits.tryOpen(metainfo.infoHash());
            if (slot.isEmpty()) {
                knownPeers.ended(next, true, loop.time());
                continue;
            }
            PeerConnection connection;
            try {
                connection = client.halfOpen().connect(loop, next, peerTorrent, peerOptions);
            } catch (CancelledException e) {
                slot.get().release();
                throw e;
            }
            dialling.add(connection);
            connection.closed().addDoneCallback(done -> {
                slot.get().release();
                dialling.remove(connection);
                CloseReason reason = done.result();
                if (reason instanceof CloseReason.SelfConnection) {
                    knownPeers.never(next);
                } else {
                    knownPeers.ended(next, connection.remotePeerId() != null, loop.time());
                }
                dialWake.set();
            });
        }
    }

    // ---------------------------------------------------------------- peers arriving and leaving

    @Override
    public void onHandshake(PeerConnection connection) {
        if (stopped) {
            connection.close(new CloseReason.LocalStop("torrent stopped"));
            return;
        }
        InetAddress ip = connection.address().address();
        if (banList.isBanned(ip)) {
            connection.close(new CloseReason.LocalStop("address banned: " + ip.getHostAddress()));
            return;
        }
        PeerId id = connection.remotePeerId();
        Peer existing = byId.get(id);
        if (existing != null) {
            if (!keepsNewOver(connection, existing.connection)) {
                connection.close(new CloseReason.Duplicate(id));
                return;
            }
            existing.connection.close(new CloseReason.Duplicate(id));
            forget(existing);
        }
        Peer peer = new Peer(connection);
        peer.throttle = new DownloadThrottle(loop, limits.download(), connection::pauseReading, () -> {
            connection.resumeReading();
            fill(peer);
        });
        peers.put(connection, peer);
        byId.put(id, peer);
        picker.addPeer(peer, new Bitfield(metainfo.pieceCount()));
        if (have.cardinality() > 0) {
            connection.trySend(Message.BitfieldMessage.of(have));
        }
        peer.uploader = loop.createTask("upload to " + connection.address(), () -> upload(peer));
        session.emit(new SessionEvent.PeerConnected(connection.address(), id, connection.isOutgoing()));
    }

    /**
     * Between two connections with the same peer, both ends keep the one dialled by the side with
     * the smaller peer id, so that when two peers dial each other at once they agree on which to drop.
     */
    private boolean keepsNewOver(PeerConnection fresh, PeerConnection old) {
        if (fresh.isOutgoing() == old.isOutgoing()) {
            return false;
        }
        PeerId ours = peerTorrent.localPeerId();
        PeerId theirs = fresh.remotePeerId();
        PeerId freshDialler = fresh.isOutgoing() ? ours : theirs;
        PeerId other = fresh.isOutgoing() ? theirs : ours;
        return Arrays.compareUnsigned(freshDialler.bytes(), other.bytes()) < 0;
    }

    @Override
    public void onClosed(PeerConnection connection, CloseReason reason) {
        Peer peer = peers.get(connection);
        if (peer != null) {
            forget(peer);
        }
        session.emit(new SessionEvent.PeerDisconnected(connection.address(), reason));
    }

    /** Takes a peer out of every book: its requests go back to the picker, its uploads end. */
    private void forget(Peer peer) {
        peers.remove(peer.connection);
        byId.remove(peer.connection.remotePeerId(), peer);
        stopUploads(peer);
        peer.throttle.cancel();
        if (stopped) {
            return;
        }
        List<Block> released = picker.removePeer(peer);
        if (!peer.connection.amChoking()) {
            evaluateChoke();
        }
        if (!released.isEmpty()) {
            fillAll();
        }
        dialWake.set();
    }

    // ---------------------------------------------------------------- messages

    @Override
    public void onMessage(PeerConnection connection, Message message) {
        Peer peer = peers.get(connection);
        if (peer == null || stopped) {
            return;
        }
        switch (message) {
            case Message.Choke c -> {
                if (!picker.peerChoked(peer).isEmpty()) {
                    fillAll();
                }
            }
            case Message.Unchoke u -> {
                picker.peerUnchoked(peer, loop.time());
                fill(peer);
            }
            case Message.Interested i -> evaluateChoke();
            case Message.NotInterested n -> {
                peer.requests.clear();
                evaluateChoke();
            }
            case Message.Have h -> {
                if (picker.peerHas(peer, h.piece())) {
                    peerHasMore(peer);
                }
            }
            case Message.BitfieldMessage b -> {
                picker.peerHas(peer, connection.peerBitfield());
                peerHasMore(peer);
            }
            case Message.Request r -> serve(peer, r);
            case Message.Cancel c -> peer.cancel(c);
            case Message.KeepAlive k -> { }
            case Message.Port p -> { }
            case Message.Piece p -> { } // blocks come through onBlock
        }
    }

    private void peerHasMore(Peer peer) {
        if (isSeeding() && peer.connection.peerBitfield().isComplete()) {
            peer.connection.close(new CloseReason.LocalStop("both have every piece"));
            return;
        }
        updateInterest(peer);
        fill(peer);
    }

    private void updateInterest(Peer peer) {
        boolean wanted = picker.isInteresting(peer);
        if (wanted != peer.connection.amInterested()) {
            peer.connection.trySend(wanted ? Message.INTERESTED : Message.NOT_INTERESTED);
        }
    }

    // ---------------------------------------------------------------- downloading

    /** Tops up a peer's requests to its pipeline target. */
    private void fill(Peer peer) {
        fill(peer, false);
    }

    /**
     * Tops up a peer's requests to its pipeline's target, all in one write. {@code batched} (as
     * each block arrives) waits until a {@link #REFILL_BATCHES}th of the pipeline is free: one
     * write per block received would cost a system call per 16 KiB on both sides.
     */
    private void fill(Peer peer, boolean batched) {
        PeerConnection connection = peer.connection;
        if (connection.peerChoking() || !connection.amInterested() || peer.throttle.isHolding()) {
            return;
        }
        long now = loop.time();
        int target = peer.pipeline.target(now);
        int room = target - picker.outstanding(peer);
        if (room <= 0 || batched && room < target / REFILL_BATCHES) {
            return;
        }
        picked.clear();
        picker.pick(peer, room, now, picked);
        if (!connection.trySendRequests(picked)) {
            for (int i = 0; i < picked.size(); i++) {
                picker.requestCancelled(peer, picked.get(i));
            }
        }
    }

    private void fillAll() {
        for (Peer peer : peers.values()) {
            fill(peer);
        }
    }

    @Override
    public void onBlock(PeerConnection connection, int piece, int offset, ByteBuffer block) {
        received(connection, piece, offset, block.remaining(), block);
    }

    @Override
    public int landings(PeerConnection connection, Block[] blocks, ByteBuffer[] pieceBuffers) {
        Peer peer = peers.get(connection);
        return peer == null || stopped ? 0 : picker.landings(peer, blocks, pieceBuffers);
    }

    @Override
    public void onBlockLanded(PeerConnection connection, int piece, int offset, int length) {
        received(connection, piece, offset, length, null);
    }

    /** A block received, its bytes in {@code block}, or already in the piece buffer when that is null. */
    private void received(PeerConnection connection, int piece, int offset, int length, ByteBuffer block) {
        Peer peer = peers.get(connection);
        if (peer == null || stopped) {
            return;
        }
        long now = loop.time();
        fetched += length;
        peer.throttle.received(length);
        BlockOutcome<Peer> outcome = block == null ? picker.blockLanded(peer, piece, offset, length, now)
                : picker.blockReceived(peer, piece, offset, block, now);
        if (outcome instanceof BlockOutcome.Accepted<Peer> accepted) {
            peer.pipeline.blockReceived(length, now - accepted.requestedAt(), now);
            downloaded += length;
            downloadMeter.add(length, now);
            bySource.add(connection.address().address(), length);
            for (PeerBlock<Peer> cancel : accepted.cancels()) {
                Block b = cancel.block();
                cancel.peer().connection.trySend(new Message.Cancel(b.piece(), b.offset(), b.length()));
            }
            if (accepted.pieceComplete()) {
                commit(piece);
                if (stopped || connection.closeReason() != null) {
                    return; // an inline commit that completed the download closes connections to seeds
                }
            }
        }
        fill(peer, true);
    }

    /** Hands a complete piece to be hashed and written; its buffer stays the picker's until it lands. */
    private void commit(int piece) {
        Future<Boolean> commit = client.disk().commit(verifier, storage, piece, picker.pieceData(piece));
        if (commit.done()) {
            committed(piece, commit);
            return;
        }
        commitsPending++;
        commitsIdle.clear();
        commit.addDoneCallback(done -> {
            if (--commitsPending == 0) {
                commitsIdle.set();
            }
            committed(piece, done);
        });
    }

    private void committed(int piece, Future<Boolean> commit) {
        if (commit.exception() != null) {
            picker.pieceFailed(piece); // its buffer goes back with the others at the stop
            if (commit.exception() instanceof StorageException e) {
                session.failed(e);
            } else {
                session.failed(new IllegalStateException("hashing or writing piece " + piece + " failed",
                        commit.exception()));
            }
            return;
        }
        if (!commit.result()) {
            pieceFailed(piece);
            return;
        }
        picker.pieceVerified(piece);
        have.set(piece);
        verifiedBytes += geometry.pieceSize(piece);
        if (stopped) {
            return; // kept for the resume file; the connections are closed
        }
        writeback.written(geometry.pieceSize(piece));
        Message.Have announcement = new Message.Have(piece);
        for (Peer peer : List.copyOf(peers.values())) {
            if (!peer.connection.peerBitfield().get(piece)) {
                peer.connection.trySend(announcement); // a peer that has the piece has no use for it
            }
            updateInterest(peer);
        }
        session.pieceVerified(piece);
        if (have.isComplete()) {
            for (Peer peer : List.copyOf(peers.values())) {
                if (peer.connection.peerBitfield().isComplete()) {
                    peer.connection.close(new CloseReason.LocalStop("both have every piece"));
                }
            }
            session.downloadComplete();
            return;
        }
        fillAll();
    }

    private void pieceFailed(int piece) {
        Set<Peer> contributors = picker.pieceFailed(piece);
        if (stopped) {
            return;
        }
        session.emit(new SessionEvent.PieceFailed(piece));
        List<InetAddress> addresses = contributors.stream().map(p -> p.connection.address().address()).toList();
        for (InetAddress banned : banList.pieceFailed(addresses)) {
            session.emit(new SessionEvent.PeerBanned(banned));
            for (Peer peer : List.copyOf(peers.values())) {
                if (peer.connection.address().address().equals(banned)) {
                    peer.connection.close(new CloseReason.LocalStop("address banned after bad data"));
                }
            }
        }
        fillAll();
    }

    // ---------------------------------------------------------------- uploading

    private void serve(Peer peer, Message.Request request) {
        if (peer.connection.amChoking() || !have.get(request.piece())
                || (long) request.offset() + request.length() > geometry.pieceSize(request.piece())) {
            return; // BEP 3: requests from choked peers are dropped; so are those for data we lack
        }
        peer.offer(request);
    }

    /** The peer's upload task: serves its requests in order, from storage, within the upload limit. */
    private void upload(Peer peer) {
        PeerConnection connection = peer.connection;
        while (true) {
            Message.Request request = peer.requests.poll();
            if (request == null) {
                peer.requestsWaiting.clear();
                peer.requestsWaiting.await();
                continue;
            }
            limits.upload().take(request.length());
            if (connection.amChoking() || stopped) {
                continue;
            }
            ByteBuffer block = peer.uploadBuffer(request.length());
            try {
                storage.read(request.piece(), request.offset(), block);
            } catch (StorageException e) {
                session.failed(e);
                return;
            }
            if (!connection.send(new Message.Piece(request.piece(), request.offset(), block.flip()))) {
                return;
            }
            uploaded += request.length();
            uploadMeter.add(request.length(), loop.time());
        }
    }

    private void stopUploads(Peer peer) {
        peer.requests.clear();
        if (peer.uploader != null && !peer.uploader.done()) {
            peer.uploader.cancel("peer gone");
        }
    }

    // ---------------------------------------------------------------- timers and choking

    private void tick() {
        if (stopped) {
            return;
        }
        long now = loop.time();
        Expired<Peer> expired = picker.tick(now);
        for (PeerBlock<Peer> taken : expired.released()) {
            Block b = taken.block();
            taken.peer().connection.trySend(new Message.Cancel(b.piece(), b.offset(), b.length()));
        }
        for (Peer peer : List.copyOf(peers.values())) {
            updateInterest(peer);
        }
        fillAll();
        if (++ticks % TICKS_PER_CHOKE == 0) {
            evaluateChoke();
        }
        dialWake.set();
        ticker = loop.callLater(TICK, this::tick);
    }

    private void evaluateChoke() {
        ChokeDecision<Peer> decision = choker.evaluate(peers.values(), isSeeding(), loop.time());
        for (Peer peer : decision.toChoke()) {
            if (peer.connection.trySend(Message.CHOKE)) {
                peer.requests.clear();
            }
        }
        for (Peer peer : decision.toUnchoke()) {
            peer.connection.trySend(Message.UNCHOKE);
        }
    }

    // ---------------------------------------------------------------- numbers

    private boolean isSeeding() {
        return have.isComplete();
    }

    Bitfield have() {
        return have.copy();
    }

    int pieces() {
        return have.cardinality();
    }

    long verifiedBytes() {
        return verifiedBytes;
    }

    long downloaded() {
        return downloaded;
    }

    long uploaded() {
        return uploaded;
    }

    long fetched() {
        return fetched;
    }

    double downloadRate(long now) {
        return downloadMeter.rate(now);
    }

    double uploadRate(long now) {
        return uploadMeter.rate(now);
    }

    int peerCount() {
        return peers.size();
    }

    Map<InetAddress, Long> bytesBySource() {
        return bySource.snapshot();
    }
}
