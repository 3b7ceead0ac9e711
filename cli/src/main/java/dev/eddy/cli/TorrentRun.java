package dev.eddy.cli;

import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.TimerHandle;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.SessionEvent;
import dev.eddy.torrent.session.TorrentOptions;
import dev.eddy.torrent.session.TorrentSession;
import dev.eddy.torrent.session.TorrentState;
import dev.eddy.torrent.session.TorrentStats;
import dev.eddy.torrent.storage.DiskFullException;
import dev.eddy.torrent.storage.PermissionDeniedException;
import dev.eddy.torrent.storage.StorageException;
import dev.eddy.torrent.tracker.TrackerStatus;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One torrent run on a started {@link Client} until its {@link Goal}: the download path that
 * {@code download}, {@code seed} and {@code demo} share. It shows progress (a redrawn line, plain
 * lines, JSON lines or nothing), reports peer and tracker events, stops the torrent cleanly however
 * the run ends (resume data saved, {@code stopped} announced) and prints the {@link RunSummary}.
 * Run it inside the main task, on the loop thread.
 */
final class TorrentRun {
    private static final System.Logger LOG = System.getLogger(TorrentRun.class.getName());
    /** How often the progress line is redrawn; the display prints less often on a pipe or as JSON. */
    private static final Duration TICK = Duration.ofMillis(250);

    /** When a run ends of its own accord; Ctrl-C ends any of them. */
    sealed interface Goal {
        /** {@return whether the torrent keeps uploading once complete} */
        default boolean seeds() {
            return true;
        }

        /** Download, then stop once every piece is verified and written. */
        record Download() implements Goal {
            @Override
            public boolean seeds() {
                return false;
            }
        }

        /**
         * Download, then seed until uploaded / downloaded reaches {@code ratio}.
         *
         * @param ratio the share ratio to reach
         */
        record SeedToRatio(double ratio) implements Goal {}

        /** Download if need be, then seed until interrupted. */
        record SeedForever() implements Goal {}

        /** Seed data that must already be complete, until interrupted. */
        record SeedExisting() implements Goal {}
    }

    private final PrintWriter out;
    private final ProgressDisplay.Mode mode;
    private final IntSupplier width;

    /**
     * Creates a run's output.
     *
     * @param out where progress, events and the summary go
     * @param mode how progress is shown
     * @param width the terminal's width, for the redrawn line
     */
    TorrentRun(PrintWriter out, ProgressDisplay.Mode mode, IntSupplier width) {
        this.out = out;
        this.mode = mode;
        this.width = width;
    }

    /**
     * Adds the torrent to the client and runs it until the goal is met, the torrent fails, or the
     * task is cancelled (Ctrl-C). In every case the torrent is stopped before this returns or throws.
     *
     * @param client the started client
     * @param metainfo the torrent
     * @param dir the folder its content goes in
     * @param options its settings; whether it seeds when done comes from the goal
     * @param peers peers to dial besides the trackers'
     * @param goal when to end
     * @return what the run did
     * @throws CancelledException if interrupted, after the summary is printed
     */
    RunSummary run(Client client, Metainfo metainfo, Path dir, TorrentOptions options, List<PeerAddress> peers,
            Goal goal) {
        return new Running(client, metainfo, dir, options.withSeedWhenDone(goal.seeds()), peers, goal).await();
    }

    /** The state of one run, from adding the torrent to printing the summary. */
    private final class Running {
        private final EventLoop loop = EventLoop.current();
        private final long startedAt = loop.time();
        private final Metainfo metainfo;
        private final Goal goal;
        private final TorrentSession session;
        private final ProgressDisplay display;
        private final Future<Void> finished;
        private final boolean hasTrackers;
        private final Consumer<SessionEvent> listener = this::onEvent;
        private long resumed = -1;
        private TimerHandle ticker;

        Running(Client client, Metainfo metainfo, Path dir, TorrentOptions options, List<PeerAddress> peers, Goal goal) {
            this.metainfo = metainfo;
            this.goal = goal;
            this.display = new ProgressDisplay(out, mode, width, loop::time);
            this.finished = loop.createFuture();
            this.hasTrackers = !metainfo.trackerTiers().isEmpty();
            this.session = client.addTorrent(metainfo, dir, options);
            announceStart(client.listenPort(), dir);
            session.addListener(listener);
            peers.forEach(session::addPeer);
            session.complete().addDoneCallback(done -> {
                if (!done.cancelled() && done.exception() == null && goal instanceof Goal.Download) {
                    finish(null);
                }
            });
            session.stopped().addDoneCallback(done -> finish(session.error().<RuntimeException>map(TorrentRun::failure)
                    .orElseGet(() -> new CliException("the torrent stopped unexpectedly; run the command again"))));
        }

        RunSummary await() {
            tick();
            boolean interrupted = false;
            boolean failed = true;
            RunSummary summary;
            try {
                finished.await();
                failed = false;
            } catch (CancelledException e) {
                interrupted = true;
                failed = false;
                throw e;
            } finally {
                ticker.cancel();
                ProgressSnapshot last = snapshot(session.stats());
                session.stop();
                session.removeListener(listener);
                if (failed) {
                    display.clear();
                } else {
                    display.finish(last);
                }
                summary = RunSummary.of(metainfo, session.stats(), resumed,
                        Duration.ofNanos(loop.time() - startedAt), interrupted);
                if (!failed) {
                    print(summary);
                }
            }
            return summary;
        }

        private void finish(RuntimeException failure) {
            if (finished.done()) {
                return;
            }
            if (failure == null) {
                finished.setResult(null);
            } else {
                finished.setException(failure);
            }
        }

        private void tick() {
            TorrentStats stats = session.stats();
            display.update(snapshot(stats));
            if (goal instanceof Goal.SeedToRatio(double ratio) && stats.state() == TorrentState.SEEDING
                    && stats.ratio() >= ratio) {
                finish(null);
            }
            ticker = loop.callLater(TICK, this::tick);
        }

        private void onEvent(SessionEvent event) {
            switch (event) {
                case SessionEvent.StateChanged(TorrentState from, TorrentState to) -> {
                    if (from == TorrentState.CHECKING) {
                        resumed = session.stats().verifiedBytes();
                    }
                    if (from == TorrentState.CHECKING && to == TorrentState.DOWNLOADING && goal instanceof Goal.SeedExisting) {
                        TorrentStats stats = session.stats();
                        finish(new CliException(String.format(Locale.ROOT, "%s holds only %d of %d pieces of %s;"
                                        + " seed needs the complete data: check DATA_PATH, or fetch the rest with download",
                                session.downloadDir(), stats.pieces(), stats.pieceCount(), Printable.of(metainfo.name()))));
                    }
                    emit(JsonWriter.event("state").field("from", name(from)).field("to", name(to)),
                            () -> "state " + name(from) + " -> " + name(to));
                }
                case SessionEvent.PeerConnected(PeerAddress address, var peerId, boolean outgoing) ->
                        emit(JsonWriter.event("peer").field("action", "connected").field("peer", address.toString())
                                .field("outgoing", outgoing), () -> "peer " + address + " connected");
                case SessionEvent.PeerDisconnected(PeerAddress address, var reason) ->
                        emit(JsonWriter.event("peer").field("action", "disconnected").field("peer", address.toString())
                                .field("reason", reason.toString()), () -> "peer " + address + " gone: " + reason);
                case SessionEvent.PeerBanned(var address) ->
                        emit(JsonWriter.event("peer").field("action", "banned").field("peer", address.getHostAddress()),
                                () -> "banned " + address.getHostAddress() + " for sending bad data");
                case SessionEvent.TrackerAnnounced(var tracker, int peers) ->
                        emit(JsonWriter.event("tracker").field("action", "announced").field("tracker", tracker.toString())
                                .field("peers", peers), () -> "tracker " + tracker + " listed " + peers + " peers");
                case SessionEvent.TrackerFailed(var tracker, String error) ->
                        emit(JsonWriter.event("tracker").field("action", "failed").field("tracker", tracker.toString())
                                .field("error", error), () -> "tracker " + tracker + " failed: " + error);
                case SessionEvent.PieceFailed(int piece) ->
                        emit(JsonWriter.event("piece").field("action", "failed").field("piece", piece),
                                () -> "piece " + piece + " failed its hash check; fetching it again");
                case SessionEvent.PieceVerified ignored -> { }
                case SessionEvent.Failed ignored -> { }
            }
        }

        /** The first line: what runs where, and the port peers reach it on (with -p 0, the one picked). */
        private void announceStart(int port, Path dir) {
            String action = goal instanceof Goal.SeedExisting ? "seeding" : "downloading";
            switch (mode) {
                case JSON -> out.println(JsonWriter.event("started").field("action", action)
                        .field("name", metainfo.name()).field("info_hash", metainfo.infoHash().hex())
                        .field("total", metainfo.totalLength()).field("piece_count", metainfo.pieceCount())
                        .field("folder", dir.toString()).field("port", port).finish());
                case TERMINAL, PLAIN -> out.println(String.format(Locale.ROOT, "%s %s (%s, %d pieces) %s %s;"
                                + " listening on port %d", action, Printable.of(metainfo.name()),
                        Sizes.format(metainfo.totalLength()), metainfo.pieceCount(),
                        goal instanceof Goal.SeedExisting ? "from" : "into", Printable.of(dir.toString()), port));
                case QUIET -> { }
            }
            out.flush();
        }

        /** A JSON line with --json; otherwise a debug log message, which --verbose shows. */
        private void emit(JsonWriter json, Supplier<String> text) {
            if (mode == ProgressDisplay.Mode.JSON) {
                out.println(json.finish());
                out.flush();
            } else {
                LOG.log(Level.DEBUG, () -> Printable.of(metainfo.name()) + ": " + text.get());
            }
        }

        private void print(RunSummary summary) {
            switch (mode) {
                case JSON -> out.println(summary.json());
                case TERMINAL, PLAIN -> summary.text().forEach(out::println);
                case QUIET -> { }
            }
            out.flush();
        }

        private ProgressSnapshot snapshot(TorrentStats stats) {
            return new ProgressSnapshot(stats.verifiedBytes(), stats.totalBytes(), Math.round(stats.downloadRate()),
                    Math.round(stats.uploadRate()), stats.peersConnected(), stats.peersKnown(), status(stats));
        }

        /** The note after the figures: what the torrent is doing, and any trouble the user should know of. */
        private String status(TorrentStats stats) {
            List<String> notes = new ArrayList<>();
            switch (stats.state()) {
                case CHECKING -> notes.add("checking data on disk");
                case SEEDING -> notes.add(goal instanceof Goal.Download ? "complete"
                        : String.format(Locale.ROOT, "seeding, ratio %.2f", stats.ratio()));
                case STOPPED -> notes.add("stopped");
                case DOWNLOADING -> {
                    if (stats.peersConnected() == 0) {
                        notes.add(stats.peersKnown() == 0 ? "no peers yet, waiting" : "connecting to peers");
                    }
                }
            }
            if (hasTrackers && allTrackersFailing(stats.trackers())) {
                notes.add("all trackers failing, retrying");
            }
            return String.join("; ", notes);
        }
    }

    /**
     * The output of a command's run: progress on a terminal if stdout is one, JSON lines with
     * {@code --json}, nothing with {@code --quiet}.
     *
     * @param spec the command
     * @param eddy the root command, for --quiet
     * @param json whether --json was given
     * @return the run's output
     */
    static TorrentRun forCommand(CommandSpec spec, EddyCommand eddy, boolean json) {
        ProgressDisplay.Mode mode = ProgressDisplay.Mode.choose(json, eddy.verbosity() == Verbosity.QUIET,
                TerminalWidth.stdoutIsTerminal());
        return new TorrentRun(spec.commandLine().getOut(), mode, new TerminalWidth(System::nanoTime));
    }

    private static boolean allTrackersFailing(List<TrackerStatus> trackers) {
        return !trackers.isEmpty() && trackers.stream().allMatch(tracker -> !tracker.working() && tracker.failures() > 0);
    }

    private static String name(TorrentState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The error that stopped a torrent, as the exception the command fails with. */
    private static RuntimeException failure(Exception error) {
        return switch (error) {
            case RuntimeException runtime -> runtime;
            case DiskFullException full -> new CliException(ErrorReporter.describe(full)
                    + " (verified pieces are kept, so the same command resumes)", full);
            case PermissionDeniedException denied -> new CliException(ErrorReporter.describe(denied), denied);
            case StorageException storage -> new CliException(storage.getMessage()
                    + "; fix that and run the same command again (verified pieces are kept)", storage);
            default -> new CliException(ErrorReporter.describe(error), error);
        };
    }
}
