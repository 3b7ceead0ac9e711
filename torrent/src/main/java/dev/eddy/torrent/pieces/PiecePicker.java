package dev.eddy.torrent.pieces;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
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
 * <p>A block arrives every 16 KiB, so the books are kept without allocating per block: requests sit
 * in arrays per peer, {@link #blockReceived} refills one outcome of its own, the records of verified
 * pieces are reused, and {@link #pick(Object, int, long, List)} fills a list the caller reuses.
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
    private final Map<P, PeerRequests<P>> peers = new HashMap<>();
    /** The peers in the order they were added. */
    private final List<PeerRequests<P>> peerOrder = new ArrayList<>();
    /** The record of each piece in progress, by piece index; {@code null} for the others. */
    private final PieceProgress<P>[] progressOf;
    /** The pieces in progress, oldest started first. */
    private final List<PieceProgress<P>> started = new ArrayList<>();
    /** Records of verified full-length pieces, cleared, for the next pieces to start. */
    private final ArrayDeque<PieceProgress<P>> spare = new ArrayDeque<>();
    private final int fullBlockCount;
    private final NewPieceVisitor newPieces = new NewPieceVisitor();
    private final EndgameCandidates<P> endgame = new EndgameCandidates<>();
    private final List<PeerBlock<P>> cancels = new ArrayList<>();
    private final BlockOutcome.Accepted<P> accepted = new BlockOutcome.Accepted<>(cancels);
    private final BlockOutcome<P> duplicate = new BlockOutcome.Duplicate<>();
    private final BlockOutcome<P> unrequested = new BlockOutcome.Unrequested<>();
    private boolean sequential;
    /** Blocks of missing pieces that are neither requested nor here, started pieces or not. */
    private long freeBlocks;
    /** The part of {@link #freeBlocks} in pieces in progress: when none, there is nothing to finish first. */
    private long startedFree;
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
    @SuppressWarnings("unchecked")
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
        this.progressOf = (PieceProgress<P>[]) new PieceProgress<?>[geometry.pieceCount()];
        this.fullBlockCount = (geometry.pieceLength() + Block.SIZE - 1) / Block.SIZE;
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
        PeerRequests<P> state = new PeerRequests<>(peer, new Bitfield(geometry.pieceCount()));
        peers.put(peer, state);
        peerOrder.add(state);
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
        PeerRequests<P> state = state(peer);
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
        PeerRequests<P> state = state(peer);
        List<Block> released = releaseAll(state);
        availability.removePeer(state.has);
        peers.remove(peer);
        peerOrder.remove(state);
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
        PeerRequests<P> state = state(peer);
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
        PeerRequests<P> state = state(peer);
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
     * @return the blocks to send REQUESTs for, possibly none, in a new list
     */
    public List<Block> pick(P peer, int max, long now) {
        List<Block> picked = new ArrayList<>(Math.clamp(max, 0, 64));
        pick(peer, max, now, picked);
        return picked;
    }

    /**
     * Picks blocks as {@link #pick(Object, int, long)} does, appending them to a list the caller
     * keeps from one refill to the next, so that picking allocates no list.
     *
     * @param peer the peer
     * @param max the most blocks to pick
     * @param now the loop time, recorded as the request time
     * @param into where the blocks to send REQUESTs for are appended; what it holds already stays
     * @return how many blocks were appended
     */
    public int pick(P peer, int max, long now, List<Block> into) {
        PeerRequests<P> state = state(peer);
        int limit = state.snubbed ? Math.min(max, 1 - state.outstanding.size()) : max;
        if (!state.unchoked || limit <= 0 || state.wanted == 0) {
            return 0;
        }
        boolean wasIdle = state.outstanding.isEmpty();
        int first = into.size();
        int stop = (int) Math.min((long) first + limit, Integer.MAX_VALUE);
        pickInProgress(peer, state, into, stop, now);
        if (into.size() < stop) {
            pickNewPieces(state, into, stop, now);
        }
        if (into.size() < stop && isEndgame()) {
            pickEndgame(state, into, stop, now);
        }
        int picked = into.size() - first;
        if (wasIdle && picked > 0) {
            state.progressAt = now;
        }
        return picked;
    }

    private void pickInProgress(P peer, PeerRequests<P> state, List<Block> into, int stop, long now) {
        if (startedFree == 0) {
            return;
        }
        PieceProgress<P> last = state.lastPiece < 0 ? null : progressOf[state.lastPiece];
        if (last != null) {
            takeFree(state, last, into, stop, now);
        }
        for (int pass = 0; pass < 2 && into.size() < stop; pass++) {
            for (int i = 0; i < started.size(); i++) {
                if (into.size() == stop || startedFree == 0) {
                    return;
                }
                PieceProgress<P> progress = started.get(i);
                if (progress.free() > 0 && state.has.get(progress.piece)
                        && (pass == 1 || progress.contributors.contains(peer))) {
                    takeFree(state, progress, into, stop, now);
                }
            }
        }
    }

    private void pickNewPieces(PeerRequests<P> state, List<Block> into, int stop, long now) {
        if (!pool.canAcquire(geometry.pieceLength())) {
            return;
        }
        if (sequential) {
            for (int piece = have.nextClearBit(0); piece >= 0 && into.size() < stop; piece = nextClear(piece)) {
                if (isNewFor(state, piece) && !startAndTake(state, piece, into, stop, now)) {
                    return;
                }
            }
        } else {
            newPieces.visit(state, into, stop, now);
        }
    }

    /** The rarest-first scan's visitor: one per picker, so that a pick allocates no lambda. */
    private final class NewPieceVisitor implements IntPredicate {
        private PeerRequests<P> state;
        private List<Block> into;
        private int stop;
        private long now;

        void visit(PeerRequests<P> state, List<Block> into, int stop, long now) {
            this.state = state;
            this.into = into;
            this.stop = stop;
            this.now = now;
            try {
                availability.visitRarestFirst(random, this);
            } finally {
                this.state = null;
                this.into = null;
            }
        }

        /** Starts the piece if it is new to the peer; goes on while the pool has room and the peer wants more. */
        @Override
        public boolean test(int piece) {
            return !isNewFor(state, piece) || startAndTake(state, piece, into, stop, now) && into.size() < stop;
        }
    }

    private boolean isNewFor(PeerRequests<P> state, int piece) {
        return state.has.get(piece) && !have.get(piece) && progressOf[piece] == null;
    }

    /** Starts a piece and takes blocks from it; returns false if the pool is out of room. */
    private boolean startAndTake(PeerRequests<P> state, int piece, List<Block> into, int stop, long now) {
        ByteBuffer buffer = pool.acquire(geometry.pieceLength());
        if (buffer == null) {
            return false;
        }
        buffer.limit(geometry.pieceSize(piece));
        int blockCount = geometry.blockCount(piece);
        PieceProgress<P> progress;
        if (blockCount == fullBlockCount && !spare.isEmpty()) {
            progress = spare.pop();
            progress.restart(piece, buffer);
        } else {
            progress = new PieceProgress<>(piece, blockCount, buffer);
        }
        progressOf[piece] = progress;
        started.add(progress);
        startedFree += blockCount;
        takeFree(state, progress, into, stop, now);
        return true;
    }

    private void takeFree(PeerRequests<P> state, PieceProgress<P> progress, List<Block> into, int stop, long now) {
        while (into.size() < stop) {
            int index = progress.requestFree();
            if (index < 0) {
                return;
            }
            Block block = geometry.block(progress.piece, index);
            state.outstanding.add(block, now);
            state.lastPiece = progress.piece;
            freeBlocks--;
            startedFree--;
            into.add(block);
        }
    }

    private void pickEndgame(PeerRequests<P> state, List<Block> into, int stop, long now) {
        for (int i = 0; i < started.size(); i++) {
            PieceProgress<P> progress = started.get(i);
            if (!state.has.get(progress.piece)) {
                continue;
            }
            int size = geometry.pieceSize(progress.piece);
            for (int index = 0; index < progress.blockCount(); index++) {
                int offset = index * Block.SIZE;
                if (progress.isAwaited(index) && state.outstanding.find(progress.piece, offset,
                        Math.min(Block.SIZE, size - offset)) == OutstandingRequests.NONE) {
                    endgame.add(progress, index);
                }
            }
        }
        endgame.sort();
        for (int rank = 0; rank < endgame.size() && into.size() < stop; rank++) {
            PieceProgress<P> progress = endgame.progress(rank);
            int index = endgame.block(rank);
            progress.requestAgain(index);
            Block block = geometry.block(progress.piece, index);
            state.outstanding.add(block, now);
            into.add(block);
        }
        endgame.clear();
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
     * @return accepted (with any CANCELs to send), duplicate, or unrequested; an accepted outcome
     *     is valid until the next call
     */
    public BlockOutcome<P> blockReceived(P peer, int piece, int offset, ByteBuffer data, long now) {
        return accept(peer, piece, offset, data.remaining(), data, now);
    }

    /**
     * Accounts for a PIECE message whose bytes were read straight into the piece buffer, where
     * {@link #landings} said they go: {@link #blockReceived} without the copy.
     *
     * @param peer the peer it came from
     * @param piece the piece index from the message
     * @param offset the offset from the message
     * @param length the block's length
     * @param now the loop time
     * @return as for {@link #blockReceived}
     */
    public BlockOutcome<P> blockLanded(P peer, int piece, int offset, int length, long now) {
        return accept(peer, piece, offset, length, null, now);
    }

    /**
     * Where this peer's next blocks may be read straight to: its outstanding requests, oldest first
     * (the order a peer answers in), each with its piece's buffer. It stops at the
     * first request that another peer might also answer (in endgame, or re-issued after a timeout),
     * so bytes read into a landing never overwrite a block that another peer sent, whatever this
     * peer sends.
     *
     * @param peer the peer
     * @param blocks receives the blocks, oldest request first
     * @param pieceBuffers receives, for each block, its piece's buffer itself (no view is made: the
     *     caller reads the block's bytes into it at the block's offset)
     * @return how many were filled in, at most {@code blocks.length}
     */
    public int landings(P peer, Block[] blocks, ByteBuffer[] pieceBuffers) {
        PeerRequests<P> state = peers.get(peer);
        int count = 0;
        for (int slot = state == null ? OutstandingRequests.NONE : state.outstanding.oldest();
                slot != OutstandingRequests.NONE && count < blocks.length; slot = state.outstanding.newer(slot)) {
            Block block = state.outstanding.block(slot);
            PieceProgress<P> progress = progressOf[block.piece()];
            int index = block.offset() / Block.SIZE;
            if (progress == null || progress.isReceived(index) || progress.requesters(index) != 1) {
                break;
            }
            blocks[count] = block;
            pieceBuffers[count] = progress.buffer;
            count++;
        }
        return count;
    }

    /** {@link #blockReceived} and {@link #blockLanded}: {@code data} is null when the bytes are in place. */
    private BlockOutcome<P> accept(P peer, int piece, int offset, int length, ByteBuffer data, long now) {
        PeerRequests<P> state = state(peer);
        if (piece < 0 || piece >= geometry.pieceCount() || !isBlockOf(piece, offset, length)) {
            unrequestedBlocks++;
            return unrequested;
        }
        int index = offset / Block.SIZE;
        PieceProgress<P> progress = progressOf[piece];
        if (have.get(piece) || progress != null && progress.isReceived(index)) {
            duplicateBlocks++;
            return duplicate;
        }
        int slot = state.outstanding.find(piece, offset, length);
        if (slot == OutstandingRequests.NONE) {
            unrequestedBlocks++;
            return unrequested;
        }
        Block block = state.outstanding.block(slot);
        long requestedAt = state.outstanding.time(slot);
        state.outstanding.remove(slot);
        if (data != null) {
            progress.buffer.put(offset, data, data.position(), length);
            data.position(data.limit());
        }
        progress.receive(index, peer);
        state.progressAt = now;
        state.snubbed = false;
        cancels.clear();
        if (progress.requesters(index) > 0) {
            for (int i = 0; i < peerOrder.size(); i++) {
                PeerRequests<P> other = peerOrder.get(i);
                int theirs = other.outstanding.find(piece, offset, length);
                if (theirs != OutstandingRequests.NONE) {
                    other.outstanding.remove(theirs);
                    progress.dropCancelled(index);
                    cancels.add(new PeerBlock<>(other.peer, block));
                }
            }
        }
        return accepted.set(block, requestedAt, !cancels.isEmpty(), progress.isComplete());
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
        progressOf[piece] = null;
        started.remove(progress);
        pool.release(progress.buffer);
        have.set(piece);
        availability.retire(piece);
        for (int i = 0; i < peerOrder.size(); i++) {
            PeerRequests<P> state = peerOrder.get(i);
            if (state.has.get(piece)) {
                state.wanted--;
            }
        }
        if (progress.blockCount() == fullBlockCount) {
            progress.forget();
            spare.push(progress);
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
        startedFree += progress.blockCount();
        return contributors;
    }

    private PieceProgress<P> complete(int piece) {
        PieceProgress<P> progress = piece >= 0 && piece < progressOf.length ? progressOf[piece] : null;
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
        for (PieceProgress<P> progress : started) {
            pool.release(progress.buffer);
        }
        started.clear();
        Arrays.fill(progressOf, null);
        spare.clear();
        startedFree = 0;
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
        OutstandingRequests outstanding = state(peer).outstanding;
        int slot = outstanding.find(block.piece(), block.offset(), block.length());
        if (slot == OutstandingRequests.NONE) {
            return false;
        }
        outstanding.remove(slot);
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
        for (PeerRequests<P> state : peerOrder) {
            OutstandingRequests outstanding = state.outstanding;
            if (outstanding.isEmpty()) {
                continue;
            }
            boolean snubs = state.unchoked && !state.snubbed && now - state.progressAt >= snubNanos;
            if (snubs) {
                state.snubbed = true;
                snubbed.add(state.peer);
            }
            for (int slot = outstanding.oldest(); slot != OutstandingRequests.NONE; slot = outstanding.oldest()) {
                if (!snubs && now - outstanding.time(slot) < requestTimeoutNanos) {
                    break;
                }
                Block block = outstanding.block(slot);
                outstanding.remove(slot);
                release(block);
                released.add(new PeerBlock<>(state.peer, block));
            }
        }
        return new Expired<>(snubbed, released);
    }

    private List<Block> releaseAll(PeerRequests<P> state) {
        OutstandingRequests outstanding = state.outstanding;
        List<Block> released = new ArrayList<>(outstanding.size());
        for (int slot = outstanding.oldest(); slot != OutstandingRequests.NONE; slot = outstanding.oldest()) {
            released.add(outstanding.block(slot));
            outstanding.remove(slot);
        }
        for (Block block : released) {
            release(block);
        }
        return released;
    }

    private void release(Block block) {
        if (progressOf[block.piece()].release(block.index())) {
            freeBlocks++;
            startedFree++;
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
        return started.size();
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
        PeerRequests<P> state = peers.get(peer);
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
