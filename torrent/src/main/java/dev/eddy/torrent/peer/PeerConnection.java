package dev.eddy.torrent.peer;

import dev.eddy.loop.Async;
import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimeoutException;
import dev.eddy.loop.TimerHandle;
import dev.eddy.loop.Wakeup;
import dev.eddy.loop.net.BufferedProtocol;
import dev.eddy.loop.net.ConnectOptions;
import dev.eddy.loop.net.ConnectionException;
import dev.eddy.loop.net.Net;
import dev.eddy.loop.net.Transport;
import dev.eddy.loop.sync.Event;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerProtocolException.Violation;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.pieces.Block;
import dev.eddy.torrent.pieces.RateMeter;
import dev.eddy.torrent.tracker.PeerId;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * One peer, on one task: connect (outgoing) or accept (incoming, through {@link IncomingDispatcher}),
 * the handshake, then a read loop that decodes messages and hands them to the torrent's
 * {@link PeerHandler}. Used on the loop thread only.
 *
 * <p><b>Handshake.</b> We send ours as soon as we know the torrent: at once when dialling, after the
 * first 48 bytes (up to the info hash) when answering. The connection is dropped when the peer
 * names another torrent, when its peer id is our own, or when the handshake takes longer than
 * {@link PeerOptions#handshakeTimeout()}. Duplicates are the torrent's call, in
 * {@link PeerHandler#onHandshake}.
 *
 * <p><b>Reading.</b> Bytes land in a direct buffer of the connection's own (the transport reads
 * straight into it), and {@link MessageCodec} decodes them there; blocks reach
 * {@link PeerHandler#onBlock} as views of that buffer. While the task is busy and the buffer is full,
 * reading pauses, so a fast peer cannot outrun a slow handler.
 *
 * <p><b>Writing.</b> {@link #send} and {@link #trySend} write straight to the transport while it
 * accepts; once flow control pauses it, frames wait in a queue of at most
 * {@link PeerOptions#maxQueuedBytes()} (plus one frame). When the queue is full, {@code send}
 * suspends the calling task until the peer reads, and {@code trySend} refuses; neither drops the
 * connection, so a peer that stops reading costs a bounded amount of memory and is dropped by the
 * torrent's own policy or when it goes silent. A PIECE's block goes to the transport as it is,
 * after a 13-byte header, without a copy. Headers, other small frames and batches of REQUESTs are
 * encoded into one buffer the connection keeps, and only what the socket does not take at once is
 * copied, so sending allocates nothing in the usual case.
 *
 * <p><b>Timers.</b> A keep-alive goes out after {@link PeerOptions#keepAliveInterval()} without
 * sending, and a peer silent for {@link PeerOptions#idleTimeout()} is dropped.
 *
 * <p><b>For the choker and the request pipeline</b> it keeps the four choke and interest flags,
 * the peer's bitfield (HAVEs applied), and block rates up and down in loop time; it is a
 * {@link ChokerPeer} as it stands.
 *
 * <p>Every close has a {@link CloseReason}, logged through {@link System.Logger} and given to
 * {@link PeerHandler#onClosed} and {@link #closed()}.
 */
public final class PeerConnection implements ChokerPeer {
    private static final System.Logger LOG = System.getLogger(PeerConnection.class.getName());
    /** Room for any frame but a BITFIELD or a PIECE, or a batch of 32 REQUESTs; it grows for bigger batches. */
    private static final int SCRATCH_SIZE = 32 * MessageCodec.REQUEST_FRAME_LENGTH;
    /** How far messages other than PIECE may queue past the cap: a HAVE for each of 7,000 pieces. */
    static final int CONTROL_ALLOWANCE = 64 << 10;
    /**
     * The read buffer a connection starts with: room for the handshake, a bitfield of 30,000 pieces
     * and small messages. It grows to the full {@link PeerOptions#readBufferSize()} with the first
     * PIECE frame, so the many connections that never carry one (two seeds that meet, a peer turned
     * away after its handshake) never take the full size in direct memory, which only the garbage
     * collector gives back: 50 seeds meeting each other at start-up once took 120 MB that way.
     */
    static final int FIRST_READ_BUFFER = 4 << 10;

    /** Where a connection is in its life. */
    public enum State {
        /** Dialling: the TCP connection is not up yet. */
        CONNECTING,
        /** Connected, exchanging handshakes. */
        HANDSHAKING,
        /** Handshakes done: messages flow. */
        OPEN,
        /** Closed, for the {@link #closeReason()}. */
        CLOSED
    }

    private final EventLoop loop;
    private final PeerOptions options;
    private final PeerAddress address;
    private final boolean outgoing;
    private final IncomingDispatcher dispatcher;
    private final Wire wire = new Wire();
    private final Decoded decoded = new Decoded();
    private final Future<CloseReason> closed;
    private final Future<Boolean> connected;
    private Task<Void> task;
    private State state;
    private CloseReason closeReason;

    private PeerTorrent torrent;
    private MessageCodec codec;
    private Handshake remoteHandshake;
    private boolean handshakeReported;

    private Transport transport;
    private ByteBuffer readBuffer;
    /** A second view of {@link #readBuffer} for decoding, from {@link #readPosition} to the fill position. */
    private ByteBuffer readView;
    private int readPosition;
    /** Reads blocks straight into piece buffers; made on the first read that could. */
    private BlockLandings landings;
    private boolean bufferFull;
    private boolean readingPausedByUser;
    /** Wakes the task when bytes arrive or the connection is lost: one for every wait. */
    private final Wakeup readable;
    private boolean lost;
    private Throwable lostCause;

    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    /**
     * Where small frames and batches of REQUESTs are encoded before they go out: the transport copies
     * whatever the socket does not take at once, so one buffer serves every send.
     */
    private ByteBuffer scratch = ByteBuffer.allocate(SCRATCH_SIZE);
    private int queuedBytes;
    private boolean writePaused;
    private final Event queueHasRoom = new Event();

    private long lastReceived;
    private long lastSent;
    private TimerHandle idleTimer;
    private int messagesReceived;

    private boolean amChoking = true;
    private boolean amInterested;
    private boolean peerChoking = true;
    private boolean peerInterested;
    private Bitfield peerBitfield;
    private final RateMeter download;
    private final RateMeter upload;
    private long downloaded;
    private long uploaded;
    private long connectedAt;

    private PeerConnection(EventLoop loop, PeerAddress address, boolean outgoing, PeerTorrent torrent,
            IncomingDispatcher dispatcher, PeerOptions options) {
        this.loop = loop;
        this.address = address;
        this.outgoing = outgoing;
        this.torrent = torrent;
        this.dispatcher = dispatcher;
        this.options = options;
        this.closed = loop.createFuture();
        this.connected = loop.createFuture();
        this.state = outgoing ? State.CONNECTING : State.HANDSHAKING;
        long now = loop.time();
        this.download = new RateMeter(options.rateTimeConstant());
        this.upload = new RateMeter(options.rateTimeConstant());
        this.connectedAt = now;
        this.lastReceived = now;
        this.lastSent = now;
        this.readBuffer = ByteBuffer.allocateDirect(Math.min(FIRST_READ_BUFFER, options.readBufferSize()));
        this.readView = readBuffer.duplicate();
        this.readable = new Wakeup(loop);
        queueHasRoom.set();
        if (torrent != null) {
            useTorrent(torrent);
        }
    }

    /**
     * Dials a peer and starts the connection's task; returns at once.
     *
     * @param loop the loop
     * @param address where the peer listens
     * @param torrent the torrent we want from it
     * @param options timeouts and limits
     * @return the connection, in state {@link State#CONNECTING}
     */
    public static PeerConnection connect(EventLoop loop, PeerAddress address, PeerTorrent torrent, PeerOptions options) {
        Objects.requireNonNull(torrent, "torrent");
        PeerConnection connection = new PeerConnection(loop, address, true, torrent, null, options);
        connection.task = loop.createTask("peer " + address, connection::run);
        return connection;
    }

    /** An incoming connection; its task starts when the server hands it the transport. */
    static PeerConnection incoming(EventLoop loop, IncomingDispatcher dispatcher, PeerOptions options) {
        return new PeerConnection(loop, null, false, null, dispatcher, options);
    }

    /** The protocol the transport feeds. */
    BufferedProtocol protocol() {
        return wire;
    }

    private void useTorrent(PeerTorrent chosen) {
        torrent = chosen;
        codec = new MessageCodec(chosen.pieceCount(), options.maxBlockLength());
        peerBitfield = new Bitfield(chosen.pieceCount());
    }

    // ---------------------------------------------------------------- the task

    private void run() {
        try {
            if (outgoing) {
                InetSocketAddress to = address.toSocketAddress();
                Net.createConnection(loop, to.getAddress().getHostAddress(), to.getPort(), () -> wire,
                        ConnectOptions.DEFAULTS.withConnectTimeout(options.connectTimeout())).await();
                writeHandshake();
            }
            Async.timeout(options.handshakeTimeout(), () -> {
                handshake();
                return null;
            });
            if (closeReason != null) {
                return;
            }
            open();
            readLoop();
        } catch (Ended e) {
            // closed already, with its reason
        } catch (CancelledException e) {
            close(new CloseReason.LocalStop("task cancelled"));
        } catch (TimeoutException e) {
            close(new CloseReason.HandshakeTimeout(options.handshakeTimeout()));
        } catch (PeerProtocolException e) {
            close(new CloseReason.ProtocolError(e));
        } catch (ConnectionException e) {
            close(transport == null ? new CloseReason.ConnectFailed(e) : new CloseReason.IoError(e));
        } catch (RuntimeException e) {
            close(new CloseReason.Failure(e));
        } finally {
            if (!connected.done()) {
                connected.setResult(false);
            }
        }
    }

    private void writeHandshake() {
        Handshake ours = Handshake.of(torrent.infoHash(), torrent.localPeerId());
        transport.write(ours.encode());
        lastSent = loop.time();
    }

    private void handshake() {
        if (outgoing) {
            awaitBytes(Handshake.LENGTH);
            Handshake theirs = Handshake.decode(readView);
            if (!theirs.infoHash().equals(torrent.infoHash())) {
                close(new CloseReason.InfoHashMismatch(torrent.infoHash(), theirs.infoHash()));
                return;
            }
            acceptHandshake(theirs);
            return;
        }
        awaitBytes(Handshake.PREFIX_LENGTH);
        InfoHash requested = Handshake.infoHashOf(readView);
        PeerTorrent chosen = dispatcher.admit(this, requested);
        if (chosen == null) {
            return; // the dispatcher closed the connection, with its reason
        }
        useTorrent(chosen);
        writeHandshake();
        awaitBytes(Handshake.LENGTH);
        acceptHandshake(Handshake.decode(readView));
    }

    private void acceptHandshake(Handshake theirs) {
        readPosition = readView.position();
        remoteHandshake = theirs;
        if (theirs.peerId().equals(torrent.localPeerId())) {
            close(new CloseReason.SelfConnection());
        }
    }

    /** Suspends until at least {@code count} bytes wait from {@link #readPosition}; leaves {@link #readView} over them. */
    private void awaitBytes(int count) {
        while (true) {
            readView.limit(readBuffer.position()).position(readPosition);
            if (readView.remaining() >= count) {
                return;
            }
            if (lost) {
                close(lostReason());
                throw new Ended();
            }
            awaitData();
        }
    }

    private CloseReason lostReason() {
        return lostCause == null ? new CloseReason.RemoteClosed() : new CloseReason.IoError(lostCause);
    }

    /** Unwinds the task once the connection is closed; the reason is already recorded. */
    private static final class Ended extends RuntimeException {
        Ended() {
            super("the peer connection ended", null, false, false);
        }
    }

    private void open() {
        state = State.OPEN;
        lastReceived = loop.time();
        connectedAt = lastReceived;
        handshakeReported = true;
        LOG.log(Level.DEBUG, () -> this + ": handshake done, peer id " + remoteHandshake.peerId());
        torrent.handler().onHandshake(this);
        if (closeReason != null) {
            return;
        }
        drainQueue();
        armIdleTimer();
    }

    private void readLoop() {
        while (closeReason == null) {
            if (landings != null) {
                landings.deliver(decoded); // these came before anything in the read buffer
            }
            readView.limit(readBuffer.position()).position(readPosition);
            while (closeReason == null && codec.decode(readView, decoded)) {
                readPosition = readView.position();
            }
            readPosition = readView.position();
            if (closeReason != null) {
                return;
            }
            if (lost) {
                close(lostReason());
                return;
            }
            makeRoom(codec.bytesNeeded(readView));
            awaitData();
        }
    }

    private void awaitData() {
        readable.await();
    }

    /**
     * Makes room for the next frame: moves a partial frame to the front only when it would not fit
     * behind, and grows the buffer only for a frame bigger than it (a large BITFIELD, already
     * checked against the limit); shrinks back once such a frame is gone.
     */
    private void makeRoom(int frameSize) {
        int unread = readBuffer.position() - readPosition;
        int size = options.readBufferSize();
        if (frameSize > readBuffer.capacity() || (readBuffer.capacity() > size && unread <= size && frameSize <= size)) {
            replaceBuffer(ByteBuffer.allocateDirect(Math.max(frameSize, size)));
        } else if (unread == 0) {
            readBuffer.clear();
            readPosition = 0;
        } else if (readBuffer.capacity() - readPosition < frameSize || !readBuffer.hasRemaining()) {
            replaceBuffer(readBuffer);
        }
        if (bufferFull && readBuffer.hasRemaining()) {
            bufferFull = false;
            applyReading();
        }
    }

    /** Moves the unread bytes to the front of {@code into}, which may be the read buffer itself. */
    private void replaceBuffer(ByteBuffer into) {
        readBuffer.limit(readBuffer.position()).position(readPosition);
        if (into == readBuffer) {
            readBuffer.compact();
        } else {
            into.put(readBuffer);
            readBuffer = into;
            readView = into.duplicate();
        }
        readPosition = 0;
    }

    private void applyReading() {
        if (transport == null || transport.isClosing()) {
            return;
        }
        if (bufferFull || readingPausedByUser) {
            transport.pauseReading();
        } else {
            transport.resumeReading();
        }
    }

    // ---------------------------------------------------------------- received messages

    /** Keeps the connection's view of the peer current, then tells the handler. */
    private final class Decoded implements MessageCodec.Sink, BlockLandings.Sink {
        @Override
        public void onMessage(Message message) {
            switch (message) {
                case Message.KeepAlive k -> {
                    torrent.handler().onMessage(PeerConnection.this, message);
                    return;
                }
                case Message.Choke c -> peerChoking = true;
                case Message.Unchoke u -> peerChoking = false;
                case Message.Interested i -> peerInterested = true;
                case Message.NotInterested n -> peerInterested = false;
                case Message.Have have -> peerBitfield.set(have.piece());
                case Message.BitfieldMessage bits -> {
                    Bitfield sent = Bitfield.fromBytes(bits.bytes(), torrent.pieceCount());
                    if (messagesReceived == 0) {
                        peerBitfield = sent;
                    } else {
                        // aria2 sends a BITFIELD mid-connection in place of many HAVEs. A peer never
                        // loses pieces, so a late one only adds to what it has.
                        for (int piece = sent.nextSetBit(0); piece >= 0;
                                piece = piece + 1 < sent.size() ? sent.nextSetBit(piece + 1) : -1) {
                            peerBitfield.set(piece);
                        }
                    }
                }
                default -> { }
            }
            messagesReceived++;
            torrent.handler().onMessage(PeerConnection.this, message);
        }

        @Override
        public void onBlock(int piece, int offset, ByteBuffer block) {
            count(block.remaining());
            torrent.handler().onBlock(PeerConnection.this, piece, offset, block);
        }

        @Override
        public void onBlockLanded(int piece, int offset, int length) {
            count(length);
            torrent.handler().onBlockLanded(PeerConnection.this, piece, offset, length);
        }

        private void count(int blockLength) {
            messagesReceived++;
            downloaded += blockLength;
            download.add(blockLength, loop.time());
        }
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a message, suspending the calling task while the write queue is full. Called from a
     * {@link PeerHandler} callback, it also stops this connection's reading while it waits; prefer
     * {@link #trySend} there.
     *
     * @param message the message; a PIECE's block is sent or copied before this returns, so its
     *     buffer is the caller's again
     * @return {@code true} if it was queued, {@code false} if the connection is closed (now or
     *     while waiting)
     * @throws dev.eddy.loop.CancelledException if the calling task is cancelled while waiting
     */
    public boolean send(Message message) {
        while (closeReason == null && queueFull()) {
            queueHasRoom.await();
        }
        return trySend(message);
    }

    /**
     * Sends a message if the write queue has room; never waits.
     *
     * <p>Only PIECE messages, whose blocks are what can fill memory, are held to the queue's cap.
     * Other messages are small and the protocol bounds how many there can be (a HAVE per piece, a
     * REQUEST or CANCEL per block in flight, a state change now and then), and dropping one would
     * leave the peer with a wrong picture of us, so they queue past the cap, within an allowance of
     * {@link #CONTROL_ALLOWANCE} bytes. A peer that lets even that fill up is not reading, and the
     * connection is closed ({@link CloseReason.NotReading}).
     *
     * @param message the message; a PIECE's block is sent or copied before this returns, so its
     *     buffer is the caller's again
     * @return {@code true} if it was queued, {@code false} if the connection is closed, or if the
     *     message is a PIECE and the queue is full
     */
    public boolean trySend(Message message) {
        if (message instanceof Message.Piece ? closeReason != null || queueFull() : !roomForControl()) {
            return false;
        }
        switch (message) {
            case Message.Choke c -> amChoking = true;
            case Message.Unchoke u -> amChoking = false;
            case Message.Interested i -> amInterested = true;
            case Message.NotInterested n -> amInterested = false;
            default -> { }
        }
        long now = loop.time();
        lastSent = now;
        if (message instanceof Message.Piece piece) {
            uploaded += piece.length();
            upload.add(piece.length(), now);
            scratch.clear();
            MessageCodec.encodePieceHeader(piece, scratch);
            writeScratch();
            writeCopy(piece.block());
        } else if (MessageCodec.frameLength(message) <= scratch.capacity()) {
            scratch.clear();
            MessageCodec.encode(message, scratch);
            writeScratch();
        } else {
            write(MessageCodec.encode(message));
        }
        if (queueFull()) {
            queueHasRoom.clear();
        }
        return true;
    }

    /**
     * Sends a REQUEST for each block, encoded into one buffer and handed to the transport at once:
     * a refill of many requests costs one write, not one per request. All or none are sent. The
     * list is only read during the call, so the caller may reuse it.
     *
     * @param blocks the blocks to request
     * @return {@code false}, sending none, if the connection is closed (requests, like every message
     *     but PIECE, are not held to the queue's cap: see {@link #trySend})
     */
    public boolean trySendRequests(List<Block> blocks) {
        if (!roomForControl()) {
            return false;
        }
        if (blocks.isEmpty()) {
            return true;
        }
        int size = blocks.size() * MessageCodec.REQUEST_FRAME_LENGTH;
        if (scratch.capacity() < size) {
            scratch = ByteBuffer.allocate(Math.max(size, scratch.capacity() * 2));
        }
        scratch.clear();
        for (int i = 0; i < blocks.size(); i++) {
            MessageCodec.encodeRequest(blocks.get(i), scratch);
        }
        lastSent = loop.time();
        writeScratch();
        if (queueFull()) {
            queueHasRoom.clear();
        }
        return true;
    }

    private boolean queueFull() {
        return queuedBytes >= options.maxQueuedBytes();
    }

    /** Whether a message other than PIECE may be queued; closes a connection whose peer is not reading. */
    private boolean roomForControl() {
        if (closeReason != null) {
            return false;
        }
        if (queuedBytes >= options.maxQueuedBytes() + CONTROL_ALLOWANCE) {
            close(new CloseReason.NotReading(queuedBytes));
            return false;
        }
        return true;
    }

    /** Sends a frame the transport may keep until it is written. */
    private void write(ByteBuffer frame) {
        if (mustQueue()) {
            enqueue(frame);
        } else {
            transport.write(frame);
        }
    }

    /** Sends what was encoded into {@link #scratch}, copying only what cannot go out at once. */
    private void writeScratch() {
        writeCopy(scratch.flip());
    }

    /** Sends a frame from a buffer the caller keeps, copying only what cannot go out at once. */
    private void writeCopy(ByteBuffer frame) {
        if (mustQueue()) {
            enqueue(ByteBuffer.allocate(frame.remaining()).put(frame).flip());
        } else {
            transport.writeCopy(frame);
        }
    }

    private boolean mustQueue() {
        return writePaused || state != State.OPEN || !queue.isEmpty();
    }

    private void enqueue(ByteBuffer frame) {
        queue.add(frame);
        queuedBytes += frame.remaining();
    }

    /** Hands queued frames to the transport until it pauses us again. */
    private void drainQueue() {
        while (!writePaused && closeReason == null && !queue.isEmpty()) {
            ByteBuffer frame = queue.poll();
            queuedBytes -= frame.remaining();
            transport.write(frame);
        }
        if (!queueFull()) {
            queueHasRoom.set();
        }
    }

    // ---------------------------------------------------------------- timers

    private void armIdleTimer() {
        long next = Math.min(lastSent + options.keepAliveInterval().toNanos(), lastReceived + options.idleTimeout().toNanos());
        idleTimer = loop.callAt(next, this::checkIdle);
    }

    private void checkIdle() {
        idleTimer = null;
        if (closeReason != null) {
            return;
        }
        long now = loop.time();
        long silent = now - lastReceived;
        if (silent >= options.idleTimeout().toNanos()) {
            close(new CloseReason.IdleTimeout(Duration.ofNanos(silent)));
            return;
        }
        if (now - lastSent >= options.keepAliveInterval().toNanos() && !trySend(Message.KEEP_ALIVE)) {
            return; // closed: the peer let even the small messages pile up
        }
        armIdleTimer();
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the connection for {@code reason}: queued frames are dropped, the socket is closed
     * (gracefully if nothing is left to send, at once otherwise), and the task ends. Closing twice
     * does nothing.
     *
     * @param reason why
     */
    public void close(CloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (closeReason != null) {
            return;
        }
        closeReason = reason;
        state = State.CLOSED;
        LOG.log(reason.blamesPeer() ? Level.INFO : Level.DEBUG, () -> this + " closed: " + reason);
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
        queue.clear();
        queuedBytes = 0;
        queueHasRoom.set();
        if (transport != null && !transport.isClosing()) {
            if (transport.getWriteBufferSize() == 0) {
                transport.close();
            } else {
                transport.abort();
            }
        }
        if (task != null && Task.current() != task) {
            task.cancel("peer connection closed: " + reason);
        }
        closed.setResult(reason);
        if (handshakeReported) {
            loop.callSoon(() -> torrent.handler().onClosed(this, reason));
        }
    }

    /** Closes the connection as a {@link CloseReason.LocalStop}. */
    public void close() {
        close(new CloseReason.LocalStop("closed"));
    }

    /** {@return a future done with the close reason once the connection is closed} */
    public Future<CloseReason> closed() {
        return closed;
    }

    /**
     * A future done once the outgoing TCP connect is settled: {@code true} when the connection is
     * up, {@code false} when the attempt failed or was stopped. Incoming connections complete it
     * when their task starts. The engine releases its half-open slot here.
     *
     * @return the future
     */
    public Future<Boolean> connected() {
        return connected;
    }

    /** {@return why the connection closed, or {@code null} while it is open} */
    public CloseReason closeReason() {
        return closeReason;
    }

    // ---------------------------------------------------------------- state

    /** {@return where the connection is in its life} */
    public State state() {
        return state;
    }

    /** {@return the peer's address: the one dialled, or where an incoming connection came from} */
    public PeerAddress address() {
        return address != null ? address : wire.remote;
    }

    /** {@return whether we dialled the peer} */
    public boolean isOutgoing() {
        return outgoing;
    }

    /** {@return the torrent, or {@code null} while an incoming connection has not named one} */
    public PeerTorrent torrent() {
        return torrent;
    }

    /** {@return the peer's handshake, or {@code null} before it arrived} */
    public Handshake remoteHandshake() {
        return remoteHandshake;
    }

    /** {@return the peer's id, or {@code null} before its handshake arrived} */
    public PeerId remotePeerId() {
        return remoteHandshake == null ? null : remoteHandshake.peerId();
    }

    /** {@return whether we choke the peer: the last of CHOKE and UNCHOKE we sent (initially true)} */
    @Override
    public boolean amChoking() {
        return amChoking;
    }

    /** {@return whether we told the peer we are interested} */
    public boolean amInterested() {
        return amInterested;
    }

    /** {@return whether the peer chokes us (initially true)} */
    public boolean peerChoking() {
        return peerChoking;
    }

    /** {@return whether the peer told us it is interested} */
    public boolean peerInterested() {
        return peerInterested;
    }

    /**
     * The pieces the peer has, from its BITFIELD and HAVEs. The connection owns it: read it, do not
     * change it.
     *
     * @return the bitfield, or {@code null} before the torrent is known
     */
    public Bitfield peerBitfield() {
        return peerBitfield;
    }

    /** {@return block bytes received per second, smoothed over {@link PeerOptions#rateTimeConstant()}} */
    @Override
    public double downloadRate() {
        return download.rate(loop.time());
    }

    /** {@return block bytes sent per second, smoothed over {@link PeerOptions#rateTimeConstant()}} */
    @Override
    public double uploadRate() {
        return upload.rate(loop.time());
    }

    /** {@return block bytes received in total} */
    public long downloaded() {
        return downloaded;
    }

    /** {@return block bytes sent (queued for the transport) in total} */
    public long uploaded() {
        return uploaded;
    }

    /** {@return the same as {@link #peerInterested()}, for the choker} */
    @Override
    public boolean isInterested() {
        return peerInterested;
    }

    /** {@return the loop time the handshake completed (before that, when the connection was created)} */
    @Override
    public long connectedAt() {
        return connectedAt;
    }

    /** {@return the capacity of the read buffer now, for tests of how it grows} */
    int readBufferCapacity() {
        return readBuffer.capacity();
    }

    /** {@return bytes waiting in the write queue, not yet handed to the transport} */
    public int queuedBytes() {
        return queuedBytes;
    }

    /** {@return bytes handed to the transport and not yet taken by the socket} */
    public int transportBufferedBytes() {
        return transport == null ? 0 : transport.getWriteBufferSize();
    }

    /** {@return how many frames with unknown message ids the peer sent and we skipped} */
    public long unknownMessages() {
        return codec == null ? 0 : codec.unknownMessages();
    }

    /** Stops reading from the peer until {@link #resumeReading()}: the hook for download rate limits. */
    public void pauseReading() {
        readingPausedByUser = true;
        applyReading();
    }

    /** Reads from the peer again after {@link #pauseReading()}. */
    public void resumeReading() {
        readingPausedByUser = false;
        applyReading();
    }

    @Override
    public String toString() {
        return "PeerConnection[" + (outgoing ? "to " : "from ") + address() + ", " + state + "]";
    }

    // ---------------------------------------------------------------- the transport's side

    /** The loop's callbacks: hidden here so that they are not part of the connection's API. */
    private final class Wire implements BufferedProtocol {
        private PeerAddress remote;

        @Override
        public void connectionMade(Transport made) {
            if (closeReason != null) {
                made.abort();
                return;
            }
            transport = made;
            if (made.peerAddress() instanceof InetSocketAddress socket) {
                remote = new PeerAddress(socket.getAddress(), socket.getPort());
            }
            if (outgoing) {
                state = State.HANDSHAKING;
            } else {
                task = loop.createTask("peer from " + remote, PeerConnection.this::run);
            }
            connected.setResult(true);
            applyReading();
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            return readBuffer;
        }

        @Override
        public void bufferUpdated(int count) {
            received();
        }

        /**
         * Reads the blocks the peer should send next straight into their piece buffers (see
         * {@link BlockLandings}), when the task has decoded all it was given and the read buffer
         * holds at most the start of the next block's frame.
         */
        @Override
        public int getBuffers(ByteBuffer[] into) {
            if (state != State.OPEN || closeReason != null || !readable.isWaiting() || codec.isSkipping()
                    || landings != null && !landings.ready()) {
                return 0;
            }
            if (landings == null) {
                landings = new BlockLandings();
            }
            int buffers = landings.prepare(into, readBuffer, readPosition, torrent.handler(), PeerConnection.this);
            if (buffers > 0) {
                readPosition = 0;
            }
            return buffers;
        }

        @Override
        public void buffersFilled(long count) {
            landings.settle(readBuffer);
            if (count > 0) {
                received();
            }
        }

        private void received() {
            lastReceived = loop.time();
            if (!readBuffer.hasRemaining()) {
                bufferFull = true;
                applyReading();
            }
            wake();
        }

        @Override
        public void connectionLost(Throwable cause) {
            lost = true;
            lostCause = cause;
            if (readable.isWaiting()) {
                wake(); // the task decodes what arrived before the end, then closes
            } else {
                close(lostReason());
            }
        }

        @Override
        public void pauseWriting() {
            writePaused = true;
        }

        @Override
        public void resumeWriting() {
            writePaused = false;
            if (state == State.OPEN) {
                drainQueue();
            }
        }

        private void wake() {
            readable.signal();
        }
    }
}
