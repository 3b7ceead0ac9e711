package dev.eddy.cli;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.session.TorrentStats;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of a torrent did, printed when it ends: how long it took, how fast, where the bytes
 * came from, and what is verified now.
 *
 * @param name the torrent's name
 * @param infoHash the info hash in hex
 * @param complete whether every piece is verified
 * @param pieces pieces verified now
 * @param pieceCount the torrent's pieces
 * @param verifiedBytes bytes of the verified pieces
 * @param totalBytes the torrent's size
 * @param downloaded bytes fetched from peers in this run (not what was already on disk)
 * @param uploaded bytes sent to peers in this run
 * @param resumed bytes found verified on disk when the run began
 * @param elapsed from the start of the run to its end
 * @param sources bytes accepted from each peer IP address in this run, most first
 * @param interrupted whether Ctrl-C ended the run
 */
record RunSummary(String name, String infoHash, boolean complete, int pieces, int pieceCount, long verifiedBytes, long totalBytes,
        long downloaded, long uploaded, long resumed, Duration elapsed, List<Map.Entry<InetAddress, Long>> sources,
        boolean interrupted) {
    /** How many sources the text lists one by one; the rest are summed. */
    private static final int LISTED_SOURCES = 8;

    RunSummary {
        sources = List.copyOf(sources);
    }

    /**
     * Takes the figures from a torrent's final stats.
     *
     * @param metainfo the torrent
     * @param stats its stats once stopped
     * @param resumed bytes verified on disk at the start
     * @param elapsed the run's length
     * @param interrupted whether Ctrl-C ended it
     * @return the summary
     */
    static RunSummary of(Metainfo metainfo, TorrentStats stats, long resumed, Duration elapsed, boolean interrupted) {
        List<Map.Entry<InetAddress, Long>> sources = new ArrayList<>(stats.bytesBySource().entrySet());
        sources.sort(Map.Entry.<InetAddress, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(entry -> entry.getKey().getHostAddress()));
        return new RunSummary(metainfo.name(), metainfo.infoHash().hex(), stats.pieces() == stats.pieceCount(),
                stats.pieces(), stats.pieceCount(), stats.verifiedBytes(), stats.totalBytes(), stats.downloaded(), stats.uploaded(),
                Math.max(0, resumed), elapsed, sources, interrupted);
    }

    /** {@return the average download rate over the run, in bytes per second} */
    long averageRate() {
        long millis = Math.max(1, elapsed.toMillis());
        return downloaded * 1000 / millis;
    }

    /** {@return the {@code summary} JSON line} */
    String json() {
        JsonWriter json = JsonWriter.event("summary")
                .field("name", name)
                .field("info_hash", infoHash)
                .field("complete", complete)
                .field("interrupted", interrupted)
                .field("pieces", pieces)
                .field("piece_count", pieceCount)
                .field("verified", verifiedBytes)
                .field("total", totalBytes)
                .field("downloaded", downloaded)
                .field("uploaded", uploaded)
                .field("resumed", resumed);
        json.name("elapsed_seconds").value(elapsed.toMillis() / 1000.0);
        json.field("average_rate", averageRate());
        json.name("sources").beginArray();
        for (Map.Entry<InetAddress, Long> source : sources) {
            json.beginObject().field("peer", source.getKey().getHostAddress()).field("bytes", source.getValue()).endObject();
        }
        return json.endArray().finish();
    }

    /** {@return the summary as lines of text} */
    List<String> text() {
        List<String> lines = new ArrayList<>();
        String state = complete ? "complete" : interrupted ? "stopped" : "incomplete";
        lines.add(String.format(Locale.ROOT, "%s: %s, %d of %d pieces verified (%s of %s)%s", state,
                Printable.of(name), pieces, pieceCount, Sizes.format(verifiedBytes), Sizes.format(totalBytes),
                complete ? "" : "; run the same command again to resume"));
        lines.add(String.format(Locale.ROOT, "  elapsed %s, average %s down; %s from %d address%s, %s already on disk,"
                        + " %s uploaded", seconds(elapsed), Sizes.formatRate(averageRate()), Sizes.format(downloaded),
                sources.size(), sources.size() == 1 ? "" : "es", Sizes.format(resumed), Sizes.format(uploaded)));
        int listed = Math.min(LISTED_SOURCES, sources.size());
        for (Map.Entry<InetAddress, Long> source : sources.subList(0, listed)) {
            lines.add(String.format(Locale.ROOT, "    from %-24s %10s", source.getKey().getHostAddress(), Sizes.format(source.getValue())));
        }
        if (sources.size() > listed) {
            long rest = sources.subList(listed, sources.size()).stream().mapToLong(Map.Entry::getValue).sum();
            lines.add(String.format(Locale.ROOT, "    from %-24s %10s", (sources.size() - listed) + " more addresses",
                    Sizes.format(rest)));
        }
        return lines;
    }

    /** {@code 3.4s}, or {@code 2m05s} from a minute on. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, millis / 1000 % 60);
    }
}
