package dev.eddy.cli;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.tracker.server.AnnounceSeen;
import dev.eddy.torrent.tracker.server.TrackerServer;
import dev.eddy.torrent.tracker.server.TrackerServerOptions;
import dev.eddy.torrent.tracker.server.Whitelist;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eddy tracker [--http-port N] [--udp-port N] [--whitelist FILE]}: runs Eddy's own tracker
 * (HTTP and UDP announce and scrape) until Ctrl-C. It prints the ports it listens on, and with
 * {@code --verbose} a line per announce.
 */
@Command(name = "tracker", description = {"Run Eddy's own BitTorrent tracker (HTTP and UDP) until Ctrl-C.",
        "With --verbose it prints a line for every announce."})
final class TrackerCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EddyCommand eddy;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "6969",
            description = "The HTTP port; 0 picks a free one, -1 turns HTTP off (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--udp-port", paramLabel = "N", defaultValue = "6969",
            description = "The UDP port; 0 picks a free one, -1 turns UDP off (default: ${DEFAULT-VALUE}).")
    private int udpPort;

    @Option(names = "--whitelist", paramLabel = "FILE",
            description = "Serve only the info hashes in FILE: 40 hex digits a line, # starts a comment.")
    private Path whitelist;

    @Override
    public Integer call() {
        TrackerServerOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        boolean quiet = eddy.verbosity() == Verbosity.QUIET;
        boolean verbose = eddy.verbosity() == Verbosity.VERBOSE;
        return eddy.mainTask().run(() -> {
            EventLoop loop = EventLoop.current();
            TrackerServer tracker;
            try {
                tracker = TrackerServer.start(loop, options).await();
            } catch (RuntimeException e) {
                throw listenFailure(e);
            }
            try {
                if (verbose) {
                    tracker.onAnnounce(seen -> {
                        out.println(announceLine(seen));
                        out.flush();
                    });
                }
                if (!quiet) {
                    started(out, tracker, options.whitelist());
                }
                loop.<Void>createFuture().await();
                return ExitCodes.SUCCESS;
            } finally {
                tracker.close();
            }
        });
    }

    private TrackerServerOptions options() {
        for (int port : new int[] {httpPort, udpPort}) {
            if (port < -1 || port > 0xFFFF) {
                throw new ParameterException(spec.commandLine(), "a tracker port is " + port
                        + "; use 0 (any free one) to 65535, or -1 to turn that protocol off");
            }
        }
        if (httpPort < 0 && udpPort < 0) {
            throw new ParameterException(spec.commandLine(), "both --http-port and --udp-port are -1; keep at least one");
        }
        TrackerServerOptions options = TrackerServerOptions.DEFAULTS.withPorts(httpPort, udpPort);
        if (whitelist == null) {
            return options;
        }
        try {
            return options.withWhitelist(Whitelist.read(whitelist));
        } catch (IOException e) {
            throw new CliException("cannot read the whitelist " + whitelist + ": " + ErrorReporter.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + "; fix that line of the whitelist", e);
        }
    }

    private static void started(PrintWriter out, TrackerServer tracker, Whitelist whitelist) {
        if (tracker.httpPort() >= 0) {
            out.println("tracker: HTTP on port " + tracker.httpPort() + ", announce URL http://127.0.0.1:"
                    + tracker.httpPort() + "/announce (or this machine's address)");
        }
        if (tracker.udpPort() >= 0) {
            out.println("tracker: UDP on port " + tracker.udpPort() + ", announce URL udp://127.0.0.1:"
                    + tracker.udpPort() + "/announce (or this machine's address)");
        }
        out.println("tracker: serving " + (whitelist.isOpen() ? "any torrent"
                : whitelist.size() + " whitelisted torrent" + (whitelist.size() == 1 ? "" : "s")) + "; Ctrl-C stops it");
        out.flush();
    }

    /** One line per announce: who, for what, and what the tracker said. */
    static String announceLine(AnnounceSeen seen) {
        String event = switch (seen.event()) {
            case NONE -> "update";
            default -> seen.event().name().toLowerCase(java.util.Locale.ROOT);
        };
        return "announce " + seen.infoHash().hex() + " from " + seen.peer() + ": " + event + ", " + seen.left()
                + " bytes left" + (seen.refusal() == null ? "" : ", refused: " + Printable.of(seen.refusal()));
    }

    private CliException listenFailure(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return new CliException("a tracker port is in use (HTTP " + httpPort + ", UDP " + udpPort
                        + "); choose others with --http-port and --udp-port, or 0 for any free port", failure);
            }
        }
        return new CliException("cannot start the tracker: " + failure.getMessage()
                + "; choose other ports with --http-port and --udp-port", failure);
    }
}
