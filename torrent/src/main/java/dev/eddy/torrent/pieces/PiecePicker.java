package dev.eddy.torrent.pieces;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides which blocks to request from which peer, and keeps the books on every request until its
 * block arrives, is cancelled, times out, or its piece fails.
 *
 * <p>Order of preference for a peer:
 * <ol>
 *   <li>the piece it was last given blocks from;
 *   <li>other pieces in progress that it has contributed to, then any piece in progress, oldest
 *       started first, so started pieces finish and free their buffers;
 *   <li>a new piece: the rarest the peer has ({@link Availability}, random among ties), or in
 *       {@linkplain #setSequential(boolean) sequential mode} the lowest index. A new piece needs a
 *       buffer from the {@link PieceBufferPool}; when the pool is at its cap no piece is started;
 *   <li>in endgame (every block of every missing piece requested or here), blocks already
 *       outstanding at other peers, those with the fewest requesters first. When one arrives,
 *       {@link BlockOutcome.Accepted#cancels()} names the peers to send a CANCEL.
 * </ol>
 * Outside endgame a block is outstanding at one peer at most. A block that comes back (cancelled,
 * timed out, a snub, a choke, a peer gone) is free again at once.
 *
 * <p>Timestamps are loop time ({@code EventLoop.time()}, nanoseconds); the engine calls
 * {@link #tick(long)} every second or so. A peer that is unchoking us, has requests outstanding and
 * has sent no block for {@link PickerSettings#snubTimeout()} is snubbed: its requests are taken
 * back and it gets one request at a time until it delivers a block.
 *
 * <p>Used on one thread; not thread-safe. Peers are the engine's own objects, compared with
 * {@code equals}.
 *
 * @param <P> the engine's peer type
 */
public final class PiecePicker<P> {
    private final PieceGeometry geometry;
    private final Bitfield have;
    private final Availability availability;
    private final PieceBufferPool pool;
    private final RandomGenerator random;
    private final long snubNanos;
    private final long requestTimeoutNanos;
    private final Map<P, PeerRequests> peers = new LinkedHashMap<>();
    private final Map<Integer, PieceProgress<P>> inProgress = new LinkedHashMap<>();
    private boolean sequential;
    /** Blocks of missing pieces that are neither requested nor here, started pieces or not. */
    private long freeBlocks;
    private long duplicateBlocks;
    private long unrequestedBlocks;

    /**
     * Creates a picker.
     *
     * @param geometry the torrent's pieces and blocks
     * @param have the pieces already verified (copied)
     * @param pool where piece buffers come from; may be shared with other torrents
     * @param random tie-breaking among equally rare pieces (seed it in tests)
     * @param settings the timeouts
     */
    public PiecePicker(PieceGeometry geometry, Bitfield have, PieceBufferPool pool, RandomGenerator random,
            PickerSettings settings) {
        if (have.size() != geometry.pieceCount()) {
            throw new IllegalArgumentException("a bitfield of " + have.size() + " pieces for a torrent of "
                    + geometry.pieceCount());
        }
        this.geometry = geometry;
        this.have = have.copy();
        this.availability = new Availability(geometry.pieceCount());
        this.pool = Objects.requireNonNull(pool);
        this.random = Objects.requireNonNull(random);
        this.snubNanos = settings.snubTimeout().toNanos();
        this.requestTimeoutNanos = settings.requestTimeout().toNanos();
        for (int piece = this.have.nextClearBit(0); piece >= 0; piece = nextClear(piece)) {
            freeBlocks += geometry.blockCount(piece);
        }
        for (int piece = this.have.nextSetBit(0); piece >= 0; piece = nextSet(this.have, piece)) {
            availability.retire(piece);
        }
    }

    // ---- peers and what they have

    /**
     * Starts tracking a peer, choking us, as the handshake completes.
     *
     * @param peer the engine's peer
     * @param pieces what it has (copied); an empty bitfield if it has not said yet
     * @throws IllegalStateException if the peer is already tracked
     */
    public void addPeer(P peer, Bitfield pieces) {
        if (pieces.size() != geometry.pieceCount()) {
            throw new IllegalArgumentException("a bitfield of " + pieces.size() + " pieces for a torrent of "
                    + geometry.pieceCount());
        }
        if (peers.containsKey(peer)) {
            throw new IllegalStateException(peer + " is already tracked");
        }
        peers.put(peer, new PeerRequests(new Bitfield(geometry.pieceCount())));
        peerHas(peer, pieces);
    }

    /**
     * Records a BITFIELD: every piece in it that the peer was not known to have is counted.
     *
     * @param peer the peer
     * @param pieces what it has
     */
    public void peerHas(P peer, Bitfield pieces) {
        for (int piece = pieces.nextSetBit(0); piece >= 0; piece = nextSet(pieces, piece)) {
            peerHas(peer, piece);
        }
    }

    /**
     * Records a HAVE.
     *
     * @param peer the peer
     * @param piece the piece it now has
     * @return whether this was news (a repeated HAVE returns {@code false} and changes nothing)
     */
    public boolean peerHas(P peer, int piece) {
        PeerRequests state = state(peer);
        if (state.has.get(piece)) {
            return false;
        }
        state.has.set(piece);
        availability.increment(piece);
        if (!have.get(piece)) {
            state.wanted++;
        }
        return true;
    }

    /**
     * Stops tracking a peer that disconnected: its pieces are uncounted and its requests are free
     * for other peers.
     *
     * @param peer the peer
     * @return the requests it had outstanding (no CANCEL is needed: it is gone)
     */
    public List<Block> removePeer(P peer) {
        PeerRequests state = state(peer);
        List<Block> released = releaseAll(state);
        availability.removePeer(state.has);
        peers.remove(peer);
        return released;
    }

    /**
     * Tells whether a peer has a piece we lack, which is when we should be interested in it.
     *
     * @param peer the peer
     * @return whether it has anything we want
     */
    public boolean isInteresting(P peer) {
        return state(peer).wanted > 0;
    }

    /**
     * Records an UNCHOKE from a peer: it may now be asked for blocks.
     *
     * @param peer the peer
     * @param now the loop time
     */
    public void peerUnchoked(P peer, long now) {
        PeerRequests state = state(peer);
        if (!state.unchoked) {
            state.unchoked = true;
            state.progressAt = now;
        }
    }

    /**
     * Records a CHOKE from a peer. It discards our requests when it chokes, so they are all free again.
     *
     * @param peer the peer
     * @return the requests it had outstanding
     */
    public List<Block> peerChoked(P peer) {
        PeerRequests state = state(peer);
        state.unchoked = false;
        return releaseAll(state);
    }

    // ---- picking

    /**
     * Picks blocks to request from a peer and records them as outstanding there. Returns none
     * while the peer chokes us, and at most one outstanding while it is snubbed.
     *
     * @param peer the peer
     * @param max the most blocks to pick, typically its pipeline target minus
     *     {@link #outstanding(Object)}
     * @param now the loop time, recorded as the request time
     * @return the blocks to send REQUESTs for, possibly none
     */
    public List<Block> pick(P peer, int max, long now) {
        PeerRequests state = state(peer);
        int limit = state.snubbed ? Math.min(max, 1 - state.outstanding.size()) : max;
        if (!state.unchoked || limit <= 0 || state.wanted == 0) {
            return List.of();
        }
        boolean wasIdle = state.outstanding.isEmpty();
        List<Block> picked = new ArrayList<>(Math.min(limit, 64));
        pickInProgress(peer, state, picked, limit, now);
        if (picked.size() < limit) {
            pickNewPieces(state, picked, limit, now);
        }
        if (picked.size() < limit && isEndgame()) {
            pickEndgame(state, picked, limit, now);
        }
        if (wasIdle && !picked.isEmpty()) {
            state.progressAt = now;
        }
        return picked;
    }

    private void pickInProgress(P peer, PeerRequests state, List<Block> picked, int limit, long now) {
        PieceProgress<P> last = state.lastPiece < 0 ? null : inProgress.get(state.lastPiece);
        if (last != null) {
            takeFree(state, last, picked, limit, now);
        }
        for (int pass = 0; pass < 2 && picked.size() < limit; pass++) {
            for (PieceProgress<P> progress : inProgress.values()) {
                if (picked.size() == limit) {
                    return;
                }
                boolean mine = progress.contributors.contains(peer);
                if (progress.free() > 0 && (pass == 1 || mine) && state.has.get(progress.piece)) {
                    takeFree(state, progress, picked, limit, now);
                }
            }
        }
    }

    private void pickNewPieces(PeerRequests state, List<Block> picked, int limit, long now) {
        if (!pool.canAcquire(geometry.pieceLength())) {
            return;
        }
        if (sequential) {
            for (int piece = have.nextClearBit(0); piece >= 0 && picked.size() < limit; piece = nextClear(piece)) {
                if (isNewFor(state, piece) && !startAndTake(state, piece, picked, limit, now)) {
                    return;
                }
            }
        } else {
            availability.visitRarestFirst(random, piece -> !isNewFor(state, piece)
                    || startAndTake(state, piece, picked, limit, now) && picked.size() < limit);
        }
    }

    private boolean isNewFor(PeerRequests state, int piece) {
        return state.has.get(piece) && !have.get(piece) && !inProgress.containsKey(piece);
    }

    /** Starts a piece and takes blocks from it; returns false if the pool is out of room. */
    private boolean startAndTake(PeerRequests state, int piece, List<Block> picked, int limit, long now) {
        ByteBuffer buffer = pool.acquire(geometry.pieceLength());
        if (buffer == null) {
            return false;
        }
        buffer.limit(geometry.pieceSize(piece));
        PieceProgress<P> progress = new PieceProgress<>(piece, geometry.blockCount(piece), buffer);
        inProgress.put(piece, progress);
        takeFree(state, progress, picked, limit, now);
        return true;
    }

    private void takeFree(PeerRequests state, PieceProgress<P> progress, List<Block> picked, int limit, long now) {
        while (picked.size() < limit) {
            int index = progress.requestFree();
            if (index < 0) {
                return;
            }
            Block block = geometry.block(progress.piece, index);
            state.outstanding.put(block, now);
            state.lastPiece = progress.piece;
            freeBlocks--;
            picked.add(block);
        }
    }

    private void pickEndgame(PeerRequests state, List<Block> picked, int limit, long now) {
        record Candidate<Q>(PieceProgress<Q> progress, Block block) {}
        List<Candidate<P>> candidates = new ArrayList<>();
        for (PieceProgress<P> progress : inProgress.values()) {
            if (!state.has.get(progress.piece)) {
                continue;
            }
            for (int index = 0; index < progress.blockCount(); index++) {
                if (progress.isAwaited(index)) {
                    Block block = geometry.block(progress.piece, index);
                    if (!state.outstanding.containsKey(block)) {
                        candidates.add(new Candidate<>(progress, block));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingInt(c -> c.progress().requesters(c.block().index())));
        for (Candidate<P> candidate : candidates) {
            if (picked.size() == limit) {
                return;
            }
            candidate.progress().requestAgain(candidate.block().index());
            state.outstanding.put(candidate.block(), now);
            picked.add(candidate.block());
        }
    }

    // ---- arrivals and verification

    /**
     * Accounts for a PIECE message and, if the block was wanted from this peer, copies its bytes
     * into the piece buffer.
     *
     * @param peer the peer it came from
     * @param piece the piece index from the message
     * @param offset the offset from the message
     * @param data the block's bytes, from position to limit; consumed only if accepted
     * @param now the loop time
     * @return accepted (with any CANCELs to send), duplicate, or unrequested
     */
    public BlockOutcome<P> blockReceived(P peer, int piece, int offset, ByteBuffer data, long now) {
        PeerRequests state = state(peer);
        if (piece < 0 || piece >= geometry.pieceCount() || !isBlockOf(piece, offset, data.remaining())) {
            unrequestedBlocks++;
            return new BlockOutcome.Unrequested<>();
        }
        int index = offset / Block.SIZE;
        PieceProgress<P> progress = inProgress.get(piece);
        if (have.get(piece) || progress != null && progress.isReceived(index)) {
            duplicateBlocks++;
            return new BlockOutcome.Duplicate<>();
        }
        Block block = new Block(piece, offset, data.remaining());
        Long requestedAt = state.outstanding.remove(block);
        if (requestedAt == null) {
            unrequestedBlocks++;
            return new BlockOutcome.Unrequested<>();
        }
        progress.buffer.put(offset, data, data.position(), block.length());
        data.position(data.limit());
        progress.receive(index, peer);
        state.progressAt = now;
        state.snubbed = false;
        List<PeerBlock<P>> cancels = List.of();
        if (progress.requesters(index) > 0) {
            cancels = new ArrayList<>();
            for (Map.Entry<P, PeerRequests> other : peers.entrySet()) {
                if (other.getValue().outstanding.remove(block) != null) {
                    progress.dropCancelled(index);
                    cancels.add(new PeerBlock<>(other.getKey(), block));
                }
            }
        }
        return new BlockOutcome.Accepted<>(block, requestedAt, cancels, progress.isComplete());
    }

    private boolean isBlockOf(int piece, int offset, int length) {
        int size = geometry.pieceSize(piece);
        return offset >= 0 && offset < size && offset % Block.SIZE == 0
                && length == Math.min(Block.SIZE, size - offset);
    }

    /**
     * Returns a complete piece's bytes, for hashing and writing.
     *
     * @param piece a piece whose last block was {@linkplain BlockOutcome.Accepted#pieceComplete() accepted}
     * @return a read-only view from 0 to the piece size; valid until the piece is verified or fails
     * @throws IllegalStateException if the piece is not complete
     */
    public ByteBuffer pieceData(int piece) {
        return complete(piece).buffer.asReadOnlyBuffer().position(0).limit(geometry.pieceSize(piece));
    }

    /**
     * Records that a complete piece hashed correctly and has been written: we have it, and its
     * buffer goes back to the pool. Call it only after the write.
     *
     * @param piece the piece
     * @throws IllegalStateException if the piece is not complete
     */
    public void pieceVerified(int piece) {
        PieceProgress<P> progress = complete(piece);
        inProgress.remove(piece);
        pool.release(progress.buffer);
        have.set(piece);
        availability.retire(piece);
        for (PeerRequests state : peers.values()) {
            if (state.has.get(piece)) {
                state.wanted--;
            }
        }
    }

    /**
     * Records that a complete piece failed its hash check: every block is free again (the piece
     * keeps its buffer and is re-downloaded before new pieces start).
     *
     * @param piece the piece
     * @return the peers that sent its blocks, for {@link BanList#pieceFailed}
     * @throws IllegalStateException if the piece is not complete
     */
    public Set<P> pieceFailed(int piece) {
        PieceProgress<P> progress = complete(piece);
        Set<P> contributors = Set.copyOf(progress.contributors);
        progress.reset();
        freeBlocks += progress.blockCount();
        return contributors;
    }

    private PieceProgress<P> complete(int piece) {
        PieceProgress<P> progress = inProgress.get(piece);
        if (progress == null || !progress.isComplete()) {
            throw new IllegalStateException("piece " + piece + " is not complete");
        }
        return progress;
    }

    /**
     * Gives the buffer of every piece in progress back to the pool and forgets those pieces, for a
     * torrent that stops while the pool lives on (it is shared by the client's torrents). The
     * picker must not be used afterwards.
     */
    public void releaseBuffers() {
        for (PieceProgress<P> progress : inProgress.values()) {
            pool.release(progress.buffer);
        }
        inProgress.clear();
    }

    // ---- taking requests back

    /**
     * Takes back one request, because the engine cancelled it or the peer rejected it.
     *
     * @param peer the peer
     * @param block the block
     * @return whether it was outstanding there
     */
    public boolean requestCancelled(P peer, Block block) {
        PeerRequests state = state(peer);
        if (state.outstanding.remove(block) == null) {
            return false;
        }
        release(block);
        return true;
    }

    /**
     * Snubs silent peers and times out old requests.
     *
     * @param now the loop time
     * @return the peers newly snubbed and every request taken back
     */
    public Expired<P> tick(long now) {
        List<P> snubbed = new ArrayList<>();
        List<PeerBlock<P>> released = new ArrayList<>();
        for (Map.Entry<P, PeerRequests> entry : peers.entrySet()) {
            PeerRequests state = entry.getValue();
            if (state.outstanding.isEmpty()) {
                continue;
            }
            boolean snubs = state.unchoked && !state.snubbed && now - state.progressAt >= snubNanos;
            if (snubs) {
                state.snubbed = true;
                snubbed.add(entry.getKey());
            }
            Iterator<Map.Entry<Block, Long>> requests = state.outstanding.entrySet().iterator();
            while (requests.hasNext()) {
                Map.Entry<Block, Long> request = requests.next();
                if (!snubs && now - request.getValue() < requestTimeoutNanos) {
                    break;
                }
                requests.remove();
                release(request.getKey());
                released.add(new PeerBlock<>(entry.getKey(), request.getKey()));
            }
        }
        return new Expired<>(snubbed, released);
    }

    private List<Block> releaseAll(PeerRequests state) {
        List<Block> released = new ArrayList<>(state.outstanding.keySet());
        state.outstanding.clear();
        released.forEach(this::release);
        return released;
    }

    private void release(Block block) {
        if (inProgress.get(block.piece()).release(block.index())) {
            freeBlocks++;
        }
    }

    // ---- state

    /**
     * Switches between rarest-first and lowest-index-first (for streaming) for new pieces.
     *
     * @param sequential whether to start pieces in index order
     */
    public void setSequential(boolean sequential) {
        this.sequential = sequential;
    }

    /** {@return whether new pieces start in index order} */
    public boolean isSequential() {
        return sequential;
    }

    /** {@return whether every block still missing is requested or here, so requests may be doubled} */
    public boolean isEndgame() {
        return freeBlocks == 0 && !have.isComplete();
    }

    /**
     * Returns how many requests a peer has outstanding.
     *
     * @param peer the peer
     * @return the count
     */
    public int outstanding(P peer) {
        return state(peer).outstanding.size();
    }

    /**
     * Tells whether a peer is snubbed.
     *
     * @param peer the peer
     * @return whether it went silent with requests outstanding and has not delivered since
     */
    public boolean isSnubbed(P peer) {
        return state(peer).snubbed;
    }

    /**
     * Tells whether we have a piece.
     *
     * @param piece the piece
     * @return whether it is verified
     */
    public boolean has(int piece) {
        return have.get(piece);
    }

    /** {@return a copy of the verified pieces} */
    public Bitfield have() {
        return have.copy();
    }

    /** {@return the pieces being downloaded (started, not yet verified)} */
    public int piecesInProgress() {
        return inProgress.size();
    }

    /** {@return the availability counts} */
    public Availability availability() {
        return availability;
    }

    /** {@return how many blocks arrived that we already had} */
    public long duplicateBlocks() {
        return duplicateBlocks;
    }

    /** {@return how many blocks arrived that we had not asked that peer for} */
    public long unrequestedBlocks() {
        return unrequestedBlocks;
    }

    private PeerRequests state(P peer) {
        PeerRequests state = peers.get(peer);
        if (state == null) {
            throw new IllegalStateException(peer + " is not tracked");
        }
        return state;
    }

    private int nextClear(int piece) {
        return piece + 1 < have.size() ? have.nextClearBit(piece + 1) : -1;
    }

    private static int nextSet(Bitfield bits, int piece) {
        return piece + 1 < bits.size() ? bits.nextSetBit(piece + 1) : -1;
    }
}
