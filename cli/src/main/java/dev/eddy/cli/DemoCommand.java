package dev.eddy.cli;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.TorrentOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eddy demo [--size SIZE] [--seeders N]}: the whole client at work with nothing but this
 * repository. In a temporary folder it makes a payload of seeded random bytes and a torrent of it,
 * starts a swarm on loopback (Eddy's tracker and N Eddy seeders), downloads the torrent through
 * the tracker with the same code and progress view as {@code eddy download}, checks the result
 * against the torrent's hashes, prints a summary and deletes everything.
 *
 * <p>Tracker, seeders and downloader all run on one event loop, on one thread: that is the point of
 * Eddy, and it keeps the demo's Ctrl-C and clean-up as simple as the download's. The download's
 * rate is therefore the rate one thread reaches serving and fetching at once.
 */
@Command(name = "demo", description = {"Download a generated payload from a local swarm (Eddy's tracker and"
        + " N Eddy seeders on loopback), verify it and clean up.", "Needs no network and no files: a quick look at Eddy at work."})
final class DemoCommand implements Callable<Integer> {
    /** The largest payload the demo makes; its folder holds it N + 2 times over, as links or copies. */
    private static final long MAX_SIZE = 16L << 30;
    private static final int MAX_SEEDERS = 20;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EddyCommand eddy;

    @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "512M",
            description = "The payload's size, such as 64M or 1G (default: ${DEFAULT-VALUE}).")
    private long size;

    @Option(names = "--seeders", paramLabel = "N", defaultValue = "3",
            description = "How many seeders to start, 1 to " + MAX_SEEDERS + " (default: ${DEFAULT-VALUE}).")
    private int seeders;

    @Override
    public Integer call() throws IOException {
        if (size < 1 || size > MAX_SIZE) {
            throw new ParameterException(spec.commandLine(), "--size is " + size + " bytes; give 1 byte to "
                    + Sizes.format(MAX_SIZE) + ", such as 64M");
        }
        if (seeders < 1 || seeders > MAX_SEEDERS) {
            throw new ParameterException(spec.commandLine(), "--seeders is " + seeders + "; give 1 to " + MAX_SEEDERS);
        }
        Path work = Files.createTempDirectory("eddy-demo-");
        try {
            return eddy.mainTask().run(() -> demo(work));
        } finally {
            deleteTree(work);
        }
    }

    private int demo(Path work) {
        PrintWriter out = spec.commandLine().getOut();
        boolean quiet = eddy.verbosity() == Verbosity.QUIET;
        Path source = work.resolve("seeder-1");
        say(out, quiet, String.format(Locale.ROOT, "demo: writing %s of seeded random bytes in %s", Sizes.format(size), work));
        List<Path> files = MainTask.offLoop(() -> DemoPayload.write(source, size));
        DemoSwarm swarm = DemoSwarm.startTracker();
        Client downloader = null;
        try {
            Metainfo metainfo = MainTask.offLoop(() -> TorrentBuilder.of(source.resolve(DemoPayload.NAME))
                    .trackerTier(swarm.announceUrl())
                    .comment("made by eddy demo")
                    .writeTo(work.resolve(DemoPayload.NAME + ".torrent")));
            List<Path> folders = new ArrayList<>(List.of(source));
            for (int i = 2; i <= seeders; i++) {
                Path folder = work.resolve("seeder-" + i);
                MainTask.offLoop(() -> {
                    DemoPayload.linkInto(files, source, folder);
                    return folder;
                });
                folders.add(folder);
            }
            say(out, quiet, String.format(Locale.ROOT, "demo: torrent %s, %d pieces of %s; tracker %s", metainfo.infoHash().hex(),
                    metainfo.pieceCount(), Sizes.format(metainfo.pieceLength()), swarm.announceUrl()));
            List<Integer> ports = swarm.startSeeders(metainfo, folders);
            say(out, quiet, "demo: " + seeders + " seeder" + (seeders == 1 ? "" : "s") + " checked their copies and"
                    + " announced, on ports " + ports.toString().replaceAll("[\\[\\]]", "")
                    + "; all on this one event loop thread");
            downloader = Client.start(EventLoop.current(), ClientOptions.DEFAULTS.withListen("127.0.0.1", 0)).await();
            Path downloads = work.resolve("download");
            ProgressDisplay.Mode mode = ProgressDisplay.Mode.choose(false, quiet, TerminalWidth.stdoutIsTerminal());
            RunSummary summary = new TorrentRun(out, mode, new TerminalWidth(System::nanoTime))
                    .run(downloader, metainfo, downloads, TorrentOptions.DEFAULTS, List.of(), new TorrentRun.Goal.Download());
            DataCheck check = MainTask.offLoop(() -> DataCheck.of(metainfo, downloads));
            if (!check.complete()) {
                throw new CliException("the demo's download does not match its torrent: " + check.missing().cardinality()
                        + " pieces missing, " + check.bad().cardinality() + " bad; run with --verbose and report it");
            }
            say(out, quiet, String.format(Locale.ROOT, "demo: verified: all %d pieces re-read from disk match the"
                    + " torrent's SHA-1 hashes; %s at %s on average, from %d seeder%s", metainfo.pieceCount(),
                    Sizes.format(summary.downloaded()), Sizes.formatRate(summary.averageRate()), seeders,
                    seeders == 1 ? "" : "s"));
            return ExitCodes.SUCCESS;
        } finally {
            if (downloader != null) {
                downloader.close();
            }
            swarm.close();
        }
    }

    private static void say(PrintWriter out, boolean quiet, String line) {
        if (!quiet) {
            out.println(line);
            out.flush();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
