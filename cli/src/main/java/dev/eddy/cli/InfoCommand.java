package dev.eddy.cli;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy info TORRENT [--json]}: what a torrent file holds. */
@Command(name = "info", description = "Show what a .torrent file holds: name, info hash, sizes, trackers, web seeds and files.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TORRENT", description = "The .torrent file.")
    private String torrent;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        Metainfo metainfo = TorrentFiles.read(torrent);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(metainfo));
        } else {
            text(metainfo).forEach(out::println);
        }
        out.flush();
        return ExitCodes.SUCCESS;
    }

    static String json(Metainfo metainfo) {
        JsonWriter json = JsonWriter.object()
                .field("name", metainfo.name())
                .field("info_hash", metainfo.infoHash().hex())
                .field("total_size", metainfo.totalLength())
                .field("piece_size", metainfo.pieceLength())
                .field("piece_count", metainfo.pieceCount())
                .field("private", metainfo.isPrivate())
                .field("comment", metainfo.comment().orElse(null))
                .field("created_by", metainfo.createdBy().orElse(null))
                .field("creation_date", metainfo.creationDate().map(Object::toString).orElse(null));
        json.name("trackers").beginArray();
        metainfo.trackerTiers().forEach(json::strings);
        json.endArray();
        json.name("web_seeds").strings(metainfo.urlList());
        json.name("files").beginArray();
        for (TorrentFile file : metainfo.files()) {
            if (!file.padding()) {
                json.beginObject().field("path", file.displayPath()).field("size", file.length()).endObject();
            }
        }
        return json.endArray().finish();
    }

    static List<String> text(Metainfo metainfo) {
        List<String> lines = new ArrayList<>();
        long fileCount = metainfo.files().stream().filter(file -> !file.padding()).count();
        lines.add(row("name", metainfo.name()));
        lines.add(row("info hash", metainfo.infoHash().hex()));
        lines.add(row("total size", Sizes.format(metainfo.totalLength())
                + String.format(Locale.ROOT, " (%,d bytes) in %d file%s", metainfo.totalLength(), fileCount, fileCount == 1 ? "" : "s")));
        lines.add(row("pieces", metainfo.pieceCount() + " of " + Sizes.format(metainfo.pieceLength())));
        lines.add(row("private", metainfo.isPrivate() ? "yes (peers only from its trackers)" : "no"));
        metainfo.createdBy().ifPresent(by -> lines.add(row("created by", by)));
        metainfo.creationDate().ifPresent(date -> lines.add(row("created on", date.toString())));
        metainfo.comment().ifPresent(comment -> lines.add(row("comment", comment)));
        List<List<String>> tiers = metainfo.trackerTiers();
        if (tiers.isEmpty()) {
            lines.add(row("trackers", "none"));
        }
        for (int tier = 0; tier < tiers.size(); tier++) {
            lines.add(row(tier == 0 ? "trackers" : "", "tier " + (tier + 1) + ": " + String.join(" ", tiers.get(tier))));
        }
        List<String> webSeeds = metainfo.urlList();
        lines.add(row("web seeds", webSeeds.isEmpty() ? "none" : webSeeds.getFirst()));
        webSeeds.stream().skip(1).forEach(url -> lines.add(row("", url)));
        lines.add("files:");
        lines.addAll(FileTree.of(metainfo.files()).render("  "));
        return lines;
    }

    private static String row(String label, String value) {
        String head = label.isEmpty() ? "" : label + ":";
        return head + " ".repeat(13 - head.length()) + Printable.of(value);
    }
}
