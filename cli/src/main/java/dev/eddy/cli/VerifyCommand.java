package dev.eddy.cli;

import dev.eddy.torrent.metainfo.Metainfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eddy verify TORRENT DATA_PATH [--json]}: hashes what is on disk and says which pieces are
 * verified, missing or bad, and how complete each file is. Exits 0 only when everything is there.
 */
@Command(name = "verify", description = {"Check data on disk against a torrent: verified, missing and bad pieces,"
        + " and each file's completeness.", "Exits 0 only when the data is complete."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @ParentCommand
    private EddyCommand eddy;

    @Parameters(index = "0", paramLabel = "TORRENT", description = "The .torrent file.")
    private String torrent;

    @Parameters(index = "1", paramLabel = "DATA_PATH",
            description = "The folder that holds the torrent's content (what download -o writes into).")
    private Path dataPath;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        Metainfo metainfo = TorrentFiles.read(torrent);
        Folders.requireDataPath(dataPath);
        DataCheck check = eddy.mainTask().run(() -> MainTask.offLoop(() -> DataCheck.of(metainfo, dataPath)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(metainfo, check));
        } else if (eddy.verbosity() != Verbosity.QUIET) {
            text(metainfo, check).forEach(out::println);
        }
        out.flush();
        return check.complete() ? ExitCodes.SUCCESS : ExitCodes.FAILURE;
    }

    static String json(Metainfo metainfo, DataCheck check) {
        JsonWriter json = JsonWriter.object()
                .field("name", metainfo.name())
                .field("info_hash", metainfo.infoHash().hex())
                .field("piece_count", metainfo.pieceCount())
                .field("verified_count", check.verified().cardinality())
                .field("missing_count", check.missing().cardinality())
                .field("bad_count", check.bad().cardinality());
        json.name("missing_pieces");
        PieceRanges.of(check.missing()).writeTo(json);
        json.name("bad_pieces");
        PieceRanges.of(check.bad()).writeTo(json);
        json.field("complete", check.complete());
        json.name("files").beginArray();
        for (DataCheck.FileState file : check.files()) {
            json.beginObject()
                    .field("path", file.path())
                    .field("size", file.size())
                    .field("verified_bytes", file.verifiedBytes())
                    .field("present", file.present())
                    .field("complete", file.complete())
                    .endObject();
        }
        return json.endArray().finish();
    }

    static List<String> text(Metainfo metainfo, DataCheck check) {
        List<String> lines = new ArrayList<>();
        int pieces = metainfo.pieceCount();
        int verified = check.verified().cardinality();
        lines.add(String.format(Locale.ROOT, "%s: %d of %d pieces verified (%s), %d missing, %d bad",
                Printable.of(metainfo.name()), verified, pieces, percent(verified, pieces),
                check.missing().cardinality(), check.bad().cardinality()));
        if (check.missing().cardinality() > 0) {
            lines.add("  missing pieces: " + PieceRanges.of(check.missing()));
        }
        if (check.bad().cardinality() > 0) {
            lines.add("  bad pieces:     " + PieceRanges.of(check.bad()));
        }
        lines.add("files:");
        int width = check.files().stream().mapToInt(file -> file.path().length()).max().orElse(1);
        for (DataCheck.FileState file : check.files()) {
            String state = !file.present() ? "missing" : file.complete() ? "complete" : "incomplete";
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %9s  %6s  %s", Printable.of(file.path()),
                    Sizes.format(file.size()), percent(file.verifiedBytes(), file.size()), state));
        }
        lines.add(check.complete() ? "complete" : "incomplete");
        return lines;
    }

    /** A percentage that says 100% only when it is exactly that, and 0% only for nothing. */
    static String percent(long part, long whole) {
        if (whole == 0 || part == whole) {
            return "100%";
        }
        double value = 100.0 * part / whole;
        return String.format(Locale.ROOT, "%.1f%%", Math.min(99.9, Math.max(part > 0 ? 0.1 : 0, value)));
    }
}
