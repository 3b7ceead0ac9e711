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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eddy seed TORRENT DATA_PATH [-p PORT] [--peer HOST:PORT]...}: checks the data against the
 * torrent, then uploads it until Ctrl-C. Incomplete data is refused rather than quietly downloaded.
 */
@Command(name = "seed", description = {"Check a torrent's data, then seed it until Ctrl-C.",
        "DATA_PATH is the folder that holds the content, the one download -o wrote into."})
final class SeedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EddyCommand eddy;

    @Parameters(index = "0", paramLabel = "TORRENT", description = "The .torrent file.")
    private String torrent;

    @Parameters(index = "1", paramLabel = "DATA_PATH", description = "The folder that holds the torrent's content.")
    private Path dataPath;

    @Mixin
    private SwarmOptions swarm;

    @Option(names = "--json", description = "Print JSON lines: progress, peer and tracker events, and a summary.")
    private boolean json;

    @Override
    public Integer call() {
        swarm.check(spec.commandLine());
        Metainfo metainfo = TorrentFiles.read(torrent);
        Folders.requireDataPath(dataPath);
        TorrentRun run = TorrentRun.forCommand(spec, eddy, json);
        eddy.mainTask().run(() -> {
            Client client = swarm.startClient(ClientOptions.DEFAULTS.withRateLimits(0, swarm.uploadLimit), null);
            try {
                return run.run(client, metainfo, dataPath, TorrentOptions.DEFAULTS, swarm.peers,
                        new TorrentRun.Goal.SeedExisting());
            } finally {
                client.close();
            }
        });
        return ExitCodes.SUCCESS;
    }
}
