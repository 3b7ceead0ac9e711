package dev.eddy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link ProgressSnapshot} into text: the terminal line, fitted to a width, and the plain
 * line for logs and pipes. Pure functions of their arguments, so the layout is tested without a
 * terminal.
 */
public final class ProgressRenderer {
    private static final String GAP = "  ";
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 30;

    private ProgressRenderer() {
    }

    /**
     * Lays out the terminal line: a bar, the percentage, sizes, rates, peers, ETA and any status.
     * When the width is short, the bar goes first, then the upload rate, the peers, the ETA, the
     * download rate and the sizes; the status is cut short rather than dropped, and
     * goes before the bar. The line is at most
     * {@code width - 1} characters, since writing the last column makes some terminals wrap, and a
     * wrapped line can no longer be redrawn in place.
     *
     * @param snapshot the figures
     * @param width the terminal's width in columns
     * @return the line, without {@code \r} or line break
     */
    public static String terminalLine(ProgressSnapshot snapshot, int width) {
        int room = Math.max(1, width - 1);
        // In display order; dropOrder names the indices to blank, first to last, while the line is too long.
        List<String> parts = new ArrayList<>(List.of(
                percent(snapshot),
                sizes(snapshot),
                "down " + Sizes.formatRate(snapshot.downloadRate()),
                "up " + Sizes.formatRate(snapshot.uploadRate()),
                peers(snapshot),
                "ETA " + eta(snapshot)));
        int[] dropOrder = {3, 4, 5, 2, 1};
        int dropped = 0;
        while (length(parts) > room && dropped < dropOrder.length) {
            parts.set(dropOrder[dropped++], "");
        }
        String line = String.join(GAP, parts.stream().filter(part -> !part.isEmpty()).toList());
        String status = Printable.of(snapshot.status());
        int statusRoom = room - line.length() - GAP.length();
        if (!status.isEmpty() && statusRoom >= 4) {
            line = line + GAP + cut(status, statusRoom);
        }
        int barRoom = room - line.length() - GAP.length() - 2;
        if (barRoom >= MIN_BAR) {
            line = bar(snapshot.fraction(), Math.min(MAX_BAR, barRoom)) + GAP + line;
        }
        return cut(line, room);
    }

    /**
     * The line for a non-terminal, printed every few seconds: every figure, no bar.
     *
     * @param snapshot the figures
     * @return the line
     */
    public static String plainLine(ProgressSnapshot snapshot) {
        String line = percent(snapshot) + GAP + sizes(snapshot) + GAP + "down " + Sizes.formatRate(snapshot.downloadRate())
                + GAP + "up " + Sizes.formatRate(snapshot.uploadRate()) + GAP + peers(snapshot) + GAP + "ETA " + eta(snapshot);
        return snapshot.status().isEmpty() ? line : line + GAP + Printable.of(snapshot.status());
    }

    /**
     * Draws the bar.
     *
     * @param fraction how much is done, 0 to 1
     * @param inner the number of cells between the brackets
     * @return the bar, {@code inner + 2} characters wide
     */
    static String bar(double fraction, int inner) {
        int filled = (int) Math.floor(Math.min(1, Math.max(0, fraction)) * inner);
        return "[" + "#".repeat(filled) + ".".repeat(inner - filled) + "]";
    }

    /**
     * Formats the time left: {@code 45s}, {@code 12m05s}, {@code 3h20m}, {@code 2d04h}, or {@code --}
     * when it cannot be told.
     *
     * @param snapshot the figures
     * @return the ETA
     */
    static String eta(ProgressSnapshot snapshot) {
        long seconds = snapshot.etaSeconds();
        if (seconds < 0) {
            return "--";
        } else if (seconds < 60) {
            return seconds + "s";
        } else if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        } else if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** The percentage, floored so that 100.0% appears only when everything is done. */
    private static String percent(ProgressSnapshot snapshot) {
        double tenths = Math.floor(snapshot.fraction() * 1000);
        return String.format(Locale.ROOT, "%5.1f%%", tenths / 10);
    }

    private static String sizes(ProgressSnapshot snapshot) {
        return Sizes.format(snapshot.completedBytes()) + " / " + Sizes.format(snapshot.totalBytes());
    }

    private static String peers(ProgressSnapshot snapshot) {
        return "peers " + snapshot.peersConnected() + "/" + snapshot.peersKnown();
    }

    private static int length(List<String> parts) {
        return String.join(GAP, parts.stream().filter(part -> !part.isEmpty()).toList()).length();
    }

    private static String cut(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        return room <= 3 ? text.substring(0, room) : text.substring(0, room - 3) + "...";
    }
}
