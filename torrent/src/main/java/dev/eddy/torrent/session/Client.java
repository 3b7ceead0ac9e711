package dev.eddy.torrent.session;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.peer.ConnectionLimits;
import dev.eddy.torrent.peer.HalfOpenLimiter;
import dev.eddy.torrent.peer.IncomingDispatcher;
import dev.eddy.torrent.pieces.PieceBufferPool;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.tracker.ClientIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One BitTorrent client on one event loop: many torrents sharing one listening port, one peer id,
 * one set of connection limits, one pool of piece buffers and client-wide rate limits. Everything
 * runs on the loop's thread, except that complete pieces are written (and, with the loop busy,
 * hashed) on threads of the client's own unless {@link ClientOptions#diskThread()} says otherwise;
 * call every method on the loop's thread.
 *
 * <pre>{@code
 * Client client = Client.start(loop, ClientOptions.DEFAULTS.withListen(null, 0)).await();
 * TorrentSession torrent = client.addTorrent(metainfo, Path.of("downloads"), TorrentOptions.DEFAULTS);
 * torrent.addPeer(new PeerAddress(InetAddress.getLoopbackAddress(), 6881));  // optional, trackerless
 * torrent.complete().await();
 * client.close();                                                              // in a task
 * }</pre>
 */
public final class Client {
    private final EventLoop loop;
    private final ClientOptions options;
    private final ConnectionLimits limits;
    private final HalfOpenLimiter halfOpen;
    private final IncomingDispatcher incoming;
    private final PieceBufferPool pieceBuffers;
    /** Not final so that a test can hold pieces back on their way to disk. */
    PieceCommitter disk;
    private final TokenBucket downloadBucket;
    private final TokenBucket uploadBucket;
    private final Map<InfoHash, TorrentSession> torrents = new LinkedHashMap<>();
    private ClientIdentity identity;
    private boolean closed;

    private Client(EventLoop loop, ClientOptions options) {
        this.loop = loop;
        this.options = options;
        this.limits = new ConnectionLimits(options.maxConnections(), options.maxConnectionsPerTorrent());
        this.halfOpen = new HalfOpenLimiter(options.maxHalfOpen());
        this.incoming = new IncomingDispatcher(loop, limits, options.peerOptions());
        this.pieceBuffers = new PieceBufferPool(options.pieceBufferBytes(), Storage::allocateWritable);
        this.disk = PieceCommitter.create(loop, options.diskThread());
        this.downloadBucket = bucket(options.downloadRateLimit());
        this.uploadBucket = bucket(options.uploadRateLimit());
    }

    /**
     * Starts a client: binds the listening port and makes the session's identity.
     *
     * @param loop the loop it runs on
     * @param options its settings
     * @return a future with the client, or failed if the port cannot be bound
     */
    public static Future<Client> start(EventLoop loop, ClientOptions options) {
        Objects.requireNonNull(options, "options");
        Client client = new Client(loop, options);
        return loop.createTask("client start", () -> {
            int port = client.incoming.listen(options.listenHost(), options.listenPort()).await().port();
            client.identity = ClientIdentity.generate(port);
            return client;
        });
    }

    /**
     * Adds a torrent and starts it: it checks what is already in {@code downloadDir}, then
     * downloads or seeds. A torrent that was stopped may be added again, and resumes.
     *
     * @param metainfo the torrent
     * @param downloadDir the folder its file (or its folder, for a multi-file torrent) goes in
     * @param torrentOptions its settings
     * @return the running torrent, in state {@link TorrentState#CHECKING}
     * @throws IllegalStateException if the client is closed or the torrent is running already
     */
    public TorrentSession addTorrent(Metainfo metainfo, Path downloadDir, TorrentOptions torrentOptions) {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        if (torrents.containsKey(metainfo.infoHash())) {
            throw new IllegalStateException("torrent " + metainfo.infoHash() + " is running already");
        }
        TorrentSession session = new TorrentSession(this, metainfo, downloadDir, torrentOptions);
        torrents.put(metainfo.infoHash(), session);
        session.start();
        return session;
    }

    /** {@return the running torrents, in the order they were added} */
    public List<TorrentSession> torrents() {
        return List.copyOf(torrents.values());
    }

    /**
     * Finds a running torrent.
     *
     * @param infoHash the torrent
     * @return its session, if it is running
     */
    public Optional<TorrentSession> torrent(InfoHash infoHash) {
        return Optional.ofNullable(torrents.get(infoHash));
    }

    /** {@return the port peers connect to} */
    public int listenPort() {
        return identity.port();
    }

    /** {@return the peer id, key and port this client announces} */
    public ClientIdentity identity() {
        return identity;
    }

    /** {@return the settings it was started with} */
    public ClientOptions options() {
        return options;
    }

    /** {@return open peer connections across every torrent} */
    public int connections() {
        return limits.connections();
    }

    /** {@return the bytes of piece buffers in use by downloads now} */
    public long pieceBufferBytesInUse() {
        return pieceBuffers.inUseBytes();
    }

    /** {@return the most bytes the piece buffers have ever taken together; never above the cap unless one piece is larger} */
    public long pieceBufferHighWater() {
        return pieceBuffers.highWaterMark();
    }

    /**
     * Stops every torrent (each saves its resume data and says {@code stopped} to its trackers, all
     * at once, within 5 s) and stops listening. Suspends the calling task until done; closing twice
     * does nothing.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Task<Void>> stops = new ArrayList<>();
        for (TorrentSession session : List.copyOf(torrents.values())) {
            stops.add(loop.createTask("stop " + session.metainfo().name(), session::stop));
        }
        try {
            if (!stops.isEmpty()) {
                Async.gather(stops).await();
            }
        } finally {
            incoming.close();
            disk.close();
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    // ---- what the torrents share

    EventLoop loop() {
        return loop;
    }

    ConnectionLimits limits() {
        return limits;
    }

    HalfOpenLimiter halfOpen() {
        return halfOpen;
    }

    IncomingDispatcher incoming() {
        return incoming;
    }

    PieceBufferPool pieceBuffers() {
        return pieceBuffers;
    }

    PieceCommitter disk() {
        return disk;
    }

    RateLimits rateLimits(TorrentOptions torrentOptions) {
        return RateLimits.of(downloadBucket, uploadBucket, bucket(torrentOptions.downloadRateLimit()),
                bucket(torrentOptions.uploadRateLimit()));
    }

    /** Called by a session once it has stopped, so the torrent may be added again. */
    void removed(TorrentSession session) {
        torrents.remove(session.infoHash(), session);
    }

    /** A bucket for a limit in bytes per second (0 for none), holding a quarter second's worth but at least 64 KiB. */
    private static TokenBucket bucket(long bytesPerSecond) {
        return bytesPerSecond == 0 ? TokenBucket.unlimited()
                : new TokenBucket(bytesPerSecond, Math.max(bytesPerSecond / 4, 64 << 10));
    }
}
