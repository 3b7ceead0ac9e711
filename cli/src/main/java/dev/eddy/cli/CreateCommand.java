package dev.eddy.cli;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eddy create PATH [-t URL]... [-o FILE] [--piece-size SIZE] [--private] [--comment TEXT]
 * [--web-seed URL]...}: makes a .torrent file and prints its info hash.
 *
 * <p>The file is written to a temporary name beside its destination and moved into place, so a
 * failed or interrupted run leaves nothing behind.
 */
@Command(name = "create", description = "Make a .torrent file of a file or folder and print its info hash.")
final class CreateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EddyCommand eddy;

    @Parameters(paramLabel = "PATH", description = "The file or folder to share.")
    private Path source;

    @Option(names = {"-t", "--tracker"}, paramLabel = "URL",
            description = "A tracker's announce URL. Each -t starts a tier; URLs joined by commas share one.")
    private List<String> trackers = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write; default: NAME.torrent here.")
    private Path output;

    @Option(names = "--piece-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Piece size, a power of two from 16k to 256M (such as 256k or 1M); default: chosen from the total size.")
    private Long pieceSize;

    @Option(names = "--private", description = "Set the private flag: peers come only from the trackers.")
    private boolean isPrivate;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment to store in the torrent.")
    private String comment;

    @Option(names = "--web-seed", paramLabel = "URL", description = "A web seed URL (BEP 19); repeatable.")
    private List<String> webSeeds = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Overwrite FILE if it exists.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        TorrentBuilder builder = configure();
        if (!Files.exists(source)) {
            throw new CliException(source + ": no such file or folder; give the file or folder to share");
        }
        Path target = output != null ? output : Path.of(defaultName() + ".torrent");
        checkTarget(target);
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".eddy-", ".torrent.part");
        Metainfo metainfo;
        try {
            metainfo = eddy.mainTask().run(() -> MainTask.offLoop(() -> builder.writeTo(temporary)));
            Files.move(temporary, target, force ? new StandardCopyOption[] {StandardCopyOption.REPLACE_EXISTING}
                    : new StandardCopyOption[0]);
        } finally {
            Files.deleteIfExists(temporary);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(metainfo.infoHash().hex());
        if (eddy.verbosity() != Verbosity.QUIET) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("eddy: wrote " + target + ": " + Sizes.format(metainfo.totalLength()) + " in "
                    + metainfo.files().size() + " file" + (metainfo.files().size() == 1 ? "" : "s") + ", "
                    + metainfo.pieceCount() + " pieces of " + Sizes.format(metainfo.pieceLength()));
            err.flush();
        }
        out.flush();
        return ExitCodes.SUCCESS;
    }

    private TorrentBuilder configure() {
        TorrentBuilder builder = TorrentBuilder.of(source);
        if (pieceSize != null) {
            try {
                builder.pieceLength(Math.toIntExact(pieceSize));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ParameterException(spec.commandLine(), "--piece-size is " + pieceSize
                        + " bytes; it must be a power of two from 16k to 256M, such as 256k or 1M");
            }
        }
        for (String tier : trackers) {
            String[] urls = Arrays.stream(tier.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toArray(String[]::new);
            if (urls.length == 0) {
                throw new ParameterException(spec.commandLine(), "-t needs a tracker URL");
            }
            builder.trackerTier(urls);
        }
        webSeeds.forEach(builder::webSeed);
        if (comment != null) {
            builder.comment(comment);
        }
        return builder.privateFlag(isPrivate);
    }

    /** The name the builder gives the torrent: the source's own file name. */
    private String defaultName() {
        Path name = source.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            throw new CliException("cannot share a whole file system root; give a file or folder inside it");
        }
        return name.toString();
    }

    private void checkTarget(Path target) {
        if (Files.exists(target) && !force) {
            throw new CliException(target + " already exists; pass --force to overwrite it or -o to write elsewhere");
        }
        if (Files.isDirectory(target)) {
            throw new CliException(target + " is a folder; give -o a file name such as " + target.resolve("name.torrent"));
        }
        Path parent = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new CliException("the folder " + parent + " does not exist; create it first or choose another -o");
        }
        if (Files.isDirectory(source) && target.toAbsolutePath().normalize().startsWith(source.toAbsolutePath().normalize())) {
            throw new CliException(target + " is inside " + source + ", so the next torrent of that folder would"
                    + " include it; write it elsewhere with -o");
        }
    }
}
