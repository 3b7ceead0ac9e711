package dev.eddy.cli;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.TorrentOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eddy download TORRENT [-o DIR] [-p PORT] [--seed] [--seed-ratio R] [--max-peers N]
 * [--peer HOST:PORT]... [--download-limit RATE] [--upload-limit RATE] [--sequential] [--json]}:
 * fetches a torrent's content into DIR and exits 0 once every piece is verified and written.
 * Running it again resumes: pieces the resume file (or a re-hash) vouches for are not fetched again.
 */
@Command(name = "download", description = {"Download a torrent's content into a folder.",
        "Exits 0 once every piece is verified and written; run it again to resume an interrupted download."})
final class DownloadCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EddyCommand eddy;

    @Parameters(index = "0", paramLabel = "TORRENT", description = "The .torrent file (magnet links are not supported yet).")
    private String torrent;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "The folder to download into; created if missing (default: the current folder).")
    private Path output = Path.of("");

    @Mixin
    private SwarmOptions swarm;

    @Option(names = "--seed", description = "Keep seeding once complete, until Ctrl-C.")
    private boolean seed;

    @Option(names = "--seed-ratio", paramLabel = "R",
            description = "Keep seeding once complete until uploaded / downloaded reaches R, such as 1.5.")
    private Double seedRatio;

    @Option(names = "--max-peers", paramLabel = "N", description = "The most peers to be connected to at once (default: 50).")
    private Integer maxPeers;

    @Option(names = "--download-limit", paramLabel = "RATE", converter = SizeConverter.class, defaultValue = "0",
            description = "Download at most RATE bytes per second, such as 500k or 10M (default: no limit).")
    private long downloadLimit;

    @Option(names = "--sequential", description = "Fetch pieces in order (for previewing media) instead of rarest first.")
    private boolean sequential;

    @Option(names = "--json", description = "Print JSON lines: progress, peer and tracker events, and a summary.")
    private boolean json;

    @Override
    public Integer call() {
        TorrentRun.Goal goal = goal();
        swarm.check(spec.commandLine());
        if (maxPeers != null && maxPeers < 1) {
            throw new ParameterException(spec.commandLine(), "--max-peers is " + maxPeers + "; it must be at least 1");
        }
        Metainfo metainfo = TorrentFiles.read(torrent);
        if (metainfo.trackerTiers().isEmpty() && swarm.peers.isEmpty()) {
            throw new CliException(torrent + " lists no trackers, so there is nobody to download from;"
                    + " give peers with --peer HOST:PORT");
        }
        Path dir = Folders.prepareOutput(output);
        TorrentRun run = TorrentRun.forCommand(spec, eddy, json);
        TorrentOptions torrentOptions = TorrentOptions.DEFAULTS.withSequential(sequential);
        eddy.mainTask().run(() -> {
            Client client = swarm.startClient(clientOptions(), null);
            try {
                return run.run(client, metainfo, dir, torrentOptions, swarm.peers, goal);
            } finally {
                client.close();
            }
        });
        return ExitCodes.SUCCESS;
    }

    private TorrentRun.Goal goal() {
        if (seedRatio == null) {
            return seed ? new TorrentRun.Goal.SeedForever() : new TorrentRun.Goal.Download();
        }
        if (seed) {
            throw new ParameterException(spec.commandLine(),
                    "give --seed (seed until Ctrl-C) or --seed-ratio R (seed until the ratio reaches R), not both");
        }
        if (!(seedRatio > 0) || seedRatio.isInfinite()) {
            throw new ParameterException(spec.commandLine(), "--seed-ratio is " + seedRatio
                    + "; it must be a positive number such as 1 or 2.5");
        }
        return new TorrentRun.Goal.SeedToRatio(seedRatio);
    }

    private ClientOptions clientOptions() {
        ClientOptions options = ClientOptions.DEFAULTS.withRateLimits(downloadLimit, swarm.uploadLimit);
        if (maxPeers != null) {
            options = options.withConnectionLimits(Math.max(maxPeers, options.maxConnections()), maxPeers,
                    Math.min(maxPeers, options.maxHalfOpen()));
        }
        return options;
    }
}
