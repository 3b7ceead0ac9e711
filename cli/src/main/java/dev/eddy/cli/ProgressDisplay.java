package dev.eddy.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows progress as the output allows: on a terminal, one line redrawn in place; on a pipe or file,
 * a plain line every {@value #PLAIN_INTERVAL_SECONDS} seconds; with {@code --json}, a
 * {@code progress} JSON line every second; with {@code --quiet}, nothing. The caller may update as
 * often as it likes; this decides what to print. Time and width come from suppliers, so tests drive
 * both.
 */
public final class ProgressDisplay {
    /** How often a non-terminal gets a progress line. */
    public static final int PLAIN_INTERVAL_SECONDS = 5;

    private static final long PLAIN_INTERVAL = Duration.ofSeconds(PLAIN_INTERVAL_SECONDS).toNanos();
    private static final long JSON_INTERVAL = Duration.ofSeconds(1).toNanos();
    /** Carriage return, then erase to the end of the line (ANSI EL). */
    private static final String REDRAW = "\r\033[K";

    /** Where progress goes. */
    public enum Mode {
        /** A terminal: one line, redrawn in place. */
        TERMINAL,
        /** A pipe or file: a plain line now and then. */
        PLAIN,
        /** JSON lines. */
        JSON,
        /** Nothing. */
        QUIET;

        /**
         * Picks the mode from the options and the output.
         *
         * @param json whether {@code --json} was given
         * @param quiet whether {@code --quiet} was given
         * @param terminal whether the output is a terminal
         * @return the mode; {@code --json} wins over {@code --quiet}, which only quiets text
         */
        public static Mode choose(boolean json, boolean quiet, boolean terminal) {
            return json ? JSON : quiet ? QUIET : terminal ? TERMINAL : PLAIN;
        }
    }

    private final PrintWriter out;
    private final Mode mode;
    private final IntSupplier width;
    private final LongSupplier nanoTime;
    private long lastPrint;
    private boolean printedOnce;
    private String shownLine = "";

    /**
     * Creates a display.
     *
     * @param out where to print
     * @param mode how
     * @param width the terminal's width in columns, asked at each redraw (terminals get resized)
     * @param nanoTime a monotonic clock in nanoseconds
     */
    public ProgressDisplay(PrintWriter out, Mode mode, IntSupplier width, LongSupplier nanoTime) {
        this.out = out;
        this.mode = mode;
        this.width = width;
        this.nanoTime = nanoTime;
    }

    /**
     * Shows new figures, if it is time to.
     *
     * @param snapshot the figures
     */
    public void update(ProgressSnapshot snapshot) {
        switch (mode) {
            case TERMINAL -> redraw(snapshot);
            case PLAIN -> printEvery(PLAIN_INTERVAL, ProgressRenderer.plainLine(snapshot));
            case JSON -> printEvery(JSON_INTERVAL, json(snapshot));
            case QUIET -> { }
        }
    }

    /**
     * Shows the last figures whatever the time, and ends the terminal line so that what follows
     * starts on a line of its own.
     *
     * @param snapshot the final figures
     */
    public void finish(ProgressSnapshot snapshot) {
        switch (mode) {
            case TERMINAL -> {
                redraw(snapshot);
                out.println();
                shownLine = "";
            }
            case PLAIN -> out.println(ProgressRenderer.plainLine(snapshot));
            case JSON -> out.println(json(snapshot));
            case QUIET -> { }
        }
        out.flush();
    }

    /** Erases the terminal line, so a message can be printed; the next update draws it again. */
    public void clear() {
        if (mode == Mode.TERMINAL && !shownLine.isEmpty()) {
            out.print(REDRAW);
            out.flush();
            shownLine = "";
        }
    }

    /**
     * The {@code progress} JSON line.
     *
     * @param snapshot the figures
     * @return one line of JSON
     */
    public static String json(ProgressSnapshot snapshot) {
        JsonWriter json = JsonWriter.event("progress")
                .field("completed", snapshot.completedBytes())
                .field("total", snapshot.totalBytes())
                .field("download_rate", snapshot.downloadRate())
                .field("upload_rate", snapshot.uploadRate())
                .field("peers_connected", snapshot.peersConnected())
                .field("peers_known", snapshot.peersKnown())
                .field("eta_seconds", snapshot.etaSeconds());
        if (!snapshot.status().isEmpty()) {
            json.field("status", snapshot.status());
        }
        return json.finish();
    }

    private void redraw(ProgressSnapshot snapshot) {
        String line = ProgressRenderer.terminalLine(snapshot, width.getAsInt());
        if (!line.equals(shownLine)) {
            out.print(REDRAW + line);
            out.flush();
            shownLine = line;
        }
    }

    private void printEvery(long interval, String line) {
        long now = nanoTime.getAsLong();
        if (!printedOnce || now - lastPrint >= interval) {
            out.println(line);
            out.flush();
            lastPrint = now;
            printedOnce = true;
        }
    }
}
