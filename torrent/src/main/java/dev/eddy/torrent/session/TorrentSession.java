package dev.eddy.torrent.session;

import dev.eddy.loop.Async;
import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.WaitMode;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.ResumeCapture;
import dev.eddy.torrent.storage.ResumeData;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageException;
import dev.eddy.torrent.tracker.AnnounceScheduler;
import dev.eddy.torrent.tracker.Tracker;
import dev.eddy.torrent.tracker.TrackerStatus;
import dev.eddy.torrent.tracker.Trackers;
import dev.eddy.torrent.tracker.TransferTotals;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One torrent of a {@link Client}: its files, its peers, its trackers and its stats, from the
 * check through downloading and seeding to the stop. Made by {@link Client#addTorrent}; every method
 * is for the loop's thread.
 *
 * <p><b>Check.</b> The storage opens in the download folder; pieces the resume file vouches for
 * (and whose files are unchanged) are trusted, the rest are hashed, a few megabytes at a time with
 * the loop free in between.
 *
 * <p><b>Peers</b> come from the torrent's trackers and from {@link #addPeer}; incoming ones arrive
 * through the client's listening port. Connection and half-open limits are the client's; banned
 * addresses, ourselves and peers already connected are not dialled.
 *
 * <p><b>Stop.</b> {@link #stop()} ends requests and uploads, closes the connections, writes the
 * resume file (verified pieces only, atomically), says {@code stopped} to the trackers (bounded by
 * the announce policy's stop timeout) and closes the files, within 5 s. Adding the torrent again
 * with the same folder resumes. A write that fails (a full disk, a permission) stops the torrent
 * the same way, with the error in {@link #error()}; verified pieces are kept.
 */
public final class TorrentSession {
    private static final System.Logger LOG = System.getLogger(TorrentSession.class.getName());
    /** How many bytes the check hashes before it lets the loop run other work (about 10 ms of SHA-1). */
    static final long CHECK_SLICE_BYTES = 16L << 20;

    private final Client client;
    private final EventLoop loop;
    private final Metainfo metainfo;
    private final Path downloadDir;
    private final TorrentOptions options;
    private final KnownPeers knownPeers = new KnownPeers();
    private final List<Consumer<SessionEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Future<Void> complete;
    private final Future<Void> stopped;
    private TorrentState state = TorrentState.CHECKING;
    private Exception error;
    private Task<Void> startTask;
    private Storage storage;
    private TorrentEngine engine;
    private AnnounceScheduler announcer;
    private boolean stopping;
    /** Where the resume file is saved once the download completes; null for the loop's default executor. */
    Executor resumeExecutor;
    private Future<ResumeData> resumeSave;

    TorrentSession(Client client, Metainfo metainfo, Path downloadDir, TorrentOptions options) {
        this.client = client;
        this.loop = client.loop();
        this.metainfo = Objects.requireNonNull(metainfo, "metainfo");
        this.downloadDir = Objects.requireNonNull(downloadDir, "downloadDir");
        this.options = Objects.requireNonNull(options, "options");
        this.complete = loop.createFuture();
        this.stopped = loop.createFuture();
    }

    void start() {
        startTask = loop.createTask("torrent " + metainfo.name(), this::run);
    }

    // ---------------------------------------------------------------- public API

    /** {@return the torrent} */
    public Metainfo metainfo() {
        return metainfo;
    }

    /** {@return the torrent's info hash} */
    public InfoHash infoHash() {
        return metainfo.infoHash();
    }

    /** {@return the folder the torrent's data is in} */
    public Path downloadDir() {
        return downloadDir;
    }

    /** {@return the settings it was added with} */
    public TorrentOptions options() {
        return options;
    }

    /** {@return where the torrent is in its life} */
    public TorrentState state() {
        return state;
    }

    /** {@return the error that stopped the torrent, if one did} */
    public Optional<Exception> error() {
        return Optional.ofNullable(error);
    }

    /**
     * Adds a peer to dial, for trackerless use or a peer learnt elsewhere. Ignored if it is known
     * already, is this client, or cannot be dialled.
     *
     * @param address where the peer listens
     */
    public void addPeer(PeerAddress address) {
        addPeers(List.of(address));
    }

    /**
     * Listens to the torrent's events. The listener is called on the loop thread; it must not block.
     *
     * @param listener the listener
     */
    public void addListener(Consumer<SessionEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops listening.
     *
     * @param listener a listener added before
     */
    public void removeListener(Consumer<SessionEvent> listener) {
        listeners.remove(listener);
    }

    /**
     * A future done once every piece is verified (at once if the check found them all). It is
     * cancelled if the torrent stops before, or fails with the error that stopped it.
     *
     * @return the future
     */
    public Future<Void> complete() {
        return complete;
    }

    /** {@return a future done once the torrent has stopped, whatever stopped it} */
    public Future<Void> stopped() {
        return stopped;
    }

    /** {@return a snapshot of the torrent's progress, rates, peers and trackers} */
    public TorrentStats stats() {
        long now = loop.time();
        List<TrackerStatus> trackers = announcer == null ? List.of() : announcer.status();
        if (engine == null) {
            return new TorrentStats(state, 0, metainfo.totalLength(), 0, metainfo.pieceCount(), 0, 0, 0, 0, 0, 0, 0,
                    knownPeers.size(), Optional.empty(), trackers, java.util.Map.of());
        }
        long downloaded = engine.downloaded();
        long uploaded = engine.uploaded();
        double downloadRate = engine.downloadRate(now);
        long left = metainfo.totalLength() - engine.verifiedBytes();
        Optional<Duration> eta = state == TorrentState.DOWNLOADING && downloadRate >= 1
                ? Optional.of(Duration.ofMillis((long) (left / downloadRate * 1000))) : Optional.empty();
        double ratio = (double) uploaded / (downloaded > 0 ? downloaded : Math.max(1, metainfo.totalLength()));
        return new TorrentStats(state, engine.verifiedBytes(), metainfo.totalLength(), engine.pieces(),
                metainfo.pieceCount(), downloadRate, engine.uploadRate(now), downloaded, uploaded, engine.fetched(),
                ratio, engine.peerCount(), knownPeers.size(), eta, trackers, engine.bytesBySource());
    }

    /**
     * Stops the torrent cleanly, suspending the calling task until it has stopped (within 5 s):
     * requests and uploads end, connections close, the resume file is written, trackers hear
     * {@code stopped}, and the files close. Calling it again, or on a stopped torrent, waits for
     * the same stop.
     */
    public void stop() {
        if (stopping) {
            stopped.await();
            return;
        }
        shutDown();
    }

    // ---------------------------------------------------------------- the life of the torrent

    private void run() {
        Bitfield have;
        PieceVerifier verifier;
        try {
            storage = new Storage(metainfo, downloadDir, options.storage());
            verifier = new PieceVerifier(storage, metainfo.pieceHashes());
            have = check(verifier);
            verifier.releaseReadBuffer(); // from now on only pieces in memory are hashed
        } catch (StorageException e) {
            failed(e);
            return;
        }
        engine = new TorrentEngine(this, client, storage, verifier, have, options, knownPeers);
        client.incoming().register(engine.peerTorrent());
        setState(have.isComplete() ? TorrentState.SEEDING : TorrentState.DOWNLOADING);
        startAnnouncing();
        engine.start();
        if (have.isComplete()) {
            downloadComplete();
        }
    }

    /** Finds the verified pieces, hashing in slices so the loop stays responsive. */
    private Bitfield check(PieceVerifier verifier) throws StorageException {
        Optional<ResumeData> resume = ResumeData.read(resumeFile(), metainfo);
        Bitfield trusted = resume.isPresent() ? resume.get().trustedPieces(storage) : new Bitfield(metainfo.pieceCount());
        return verifier.recheck(trusted, CHECK_SLICE_BYTES, () -> Async.sleep(Duration.ZERO));
    }

    private void startAnnouncing() {
        List<List<Tracker>> tiers = new ArrayList<>();
        for (List<Tracker> tier : Trackers.openTiers(metainfo.trackerTiers(), client.options().trackerOptions())) {
            tiers.add(tier.stream().<Tracker>map(t -> new ObservedTracker(t, this::emit)).toList());
        }
        if (tiers.isEmpty()) {
            return;
        }
        announcer = new AnnounceScheduler(metainfo.infoHash(), tiers, client.identity(),
                () -> new TransferTotals(engine.uploaded(), engine.downloaded(),
                        metainfo.totalLength() - engine.verifiedBytes()),
                this::addPeers, client.options().announcePolicy(), new SecureRandom());
        announcer.start();
    }

    /**
     * Every piece is verified: tell the trackers, save the resume file (off the loop thread, since
     * syncing the whole download can take seconds), and seed or stop.
     */
    void downloadComplete() {
        if (stopping) {
            return;
        }
        setState(TorrentState.SEEDING);
        if (announcer != null) {
            announcer.completed();
        }
        saveResumeOffLoop();
        complete.setResult(null);
        if (!options.seedWhenDone()) {
            loop.createTask("stop " + metainfo.name() + " (downloaded)", this::stop);
        }
    }

    /** An error stops the torrent: recorded, reported, then the usual stop. */
    void failed(Exception cause) {
        if (error != null || stopping) {
            return;
        }
        error = cause;
        LOG.log(Level.WARNING, () -> metainfo.name() + ": stopping: " + cause.getMessage());
        emit(new SessionEvent.Failed(cause));
        if (Task.current() == startTask) {
            shutDown();
        } else {
            loop.createTask("stop " + metainfo.name() + " (failed)", this::shutDown);
        }
    }

    private void shutDown() {
        stopping = true;
        try {
            if (startTask != null && !startTask.done() && Task.current() != startTask) {
                startTask.cancel("stopping");
                Async.wait(List.of(startTask), WaitMode.ALL_COMPLETED, null);
            }
            if (engine != null) {
                engine.stop();
                client.incoming().unregister(metainfo.infoHash());
                if (resumeSave != null && !resumeSave.done()) {
                    Async.wait(List.of(resumeSave), WaitMode.ALL_COMPLETED, null);
                }
                saveResume();
            }
            if (announcer != null) {
                announcer.stop();
            }
        } finally {
            closeStorage();
            setState(TorrentState.STOPPED);
            client.removed(this);
            if (!complete.done()) {
                if (error != null) {
                    complete.setException(error);
                } else {
                    complete.cancel("the torrent stopped before it was complete");
                }
            }
            if (!stopped.done()) {
                stopped.setResult(null);
            }
        }
    }

    /**
     * Writes the resume file on the loop thread: the verified pieces and the files' stamps,
     * atomically. For the stop, when the connections are closed already.
     */
    private void saveResume() {
        if (engine == null || storage == null) {
            return;
        }
        try {
            ResumeData.capture(metainfo.infoHash(), storage, engine.have()).write(resumeFile());
        } catch (StorageException e) {
            resumeNotSaved(e);
        }
    }

    /**
     * Writes the resume file as {@link #saveResume()} does, but with the syncs and the write in an
     * executor: syncing a whole download can take seconds, and the loop is busy seeding meanwhile.
     */
    private void saveResumeOffLoop() {
        if (engine == null || storage == null) {
            return;
        }
        ResumeCapture capture = ResumeCapture.begin(metainfo.infoHash(), storage, engine.have());
        Path file = resumeFile();
        resumeSave = loop.runInExecutor(resumeExecutor, () -> capture.save(file));
        resumeSave.addDoneCallback(done -> {
            if (!done.cancelled() && done.exception() != null) {
                capture.abandon();
                resumeNotSaved(done.exception());
            }
        });
    }

    private void resumeNotSaved(Throwable e) {
        LOG.log(Level.WARNING, () -> metainfo.name() + ": cannot save resume data: " + e.getMessage());
    }

    /** {@return the save of the resume file started when the download completed, if there was one} */
    Optional<Future<ResumeData>> completionResumeSave() {
        return Optional.ofNullable(resumeSave);
    }

    private void closeStorage() {
        if (storage == null) {
            return;
        }
        try {
            storage.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, () -> metainfo.name() + ": closing files: " + e.getMessage());
        }
    }

    private Path resumeFile() {
        return ResumeData.defaultPath(downloadDir, metainfo.infoHash());
    }

    // ---------------------------------------------------------------- for the engine

    /** Takes peers from a tracker or the caller: dialable, not ourselves, new. */
    void addPeers(List<PeerAddress> addresses) {
        boolean added = false;
        for (PeerAddress address : addresses) {
            if (address.isDialable() && !isSelf(address) && knownPeers.add(address)) {
                added = true;
            }
        }
        if (added && engine != null) {
            engine.wakeDialer();
        }
    }

    private boolean isSelf(PeerAddress address) {
        if (client.identity() == null || address.port() != client.listenPort()) {
            return false;
        }
        String host = client.options().listenHost();
        return address.address().isLoopbackAddress() || address.address().isAnyLocalAddress()
                || host != null && address.address().getHostAddress().equals(host);
    }

    boolean isStopping() {
        return stopping;
    }

    void pieceVerified(int piece) {
        emit(new SessionEvent.PieceVerified(piece));
    }

    void emit(SessionEvent event) {
        for (Consumer<SessionEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a session listener failed on " + event, e);
            }
        }
    }

    private void setState(TorrentState next) {
        TorrentState previous = state;
        if (previous == next || previous == TorrentState.STOPPED) {
            return;
        }
        state = next;
        emit(new SessionEvent.StateChanged(previous, next));
    }

    @Override
    public String toString() {
        return "TorrentSession[" + metainfo.name() + ", " + state + "]";
    }
}
