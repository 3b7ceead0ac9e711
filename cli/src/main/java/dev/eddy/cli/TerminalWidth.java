package dev.eddy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The terminal's width in columns, for the progress line. {@code COLUMNS} wins when the
 * environment has it (shells rarely export it, but users and scripts set it to force a width);
 * otherwise {@code stty size} on {@code /dev/tty}, which follows resizes; otherwise 80. Asking
 * {@code stty} starts a process, so an answer is kept for {@value #RECHECK_SECONDS} seconds.
 */
public final class TerminalWidth implements IntSupplier {
    /** How long a measured width is trusted before asking again. */
    public static final int RECHECK_SECONDS = 2;

    private static final int FALLBACK = 80;
    private static final long RECHECK = Duration.ofSeconds(RECHECK_SECONDS).toNanos();

    private final LongSupplier nanoTime;
    private int width;
    private long measuredAt;
    private boolean measured;

    /**
     * Creates a width source.
     *
     * @param nanoTime a monotonic clock in nanoseconds, for how long to keep an answer
     */
    public TerminalWidth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** {@return whether standard output is a terminal} */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public int getAsInt() {
        long now = nanoTime.getAsLong();
        if (!measured || now - measuredAt >= RECHECK) {
            width = measure();
            measuredAt = now;
            measured = true;
        }
        return width;
    }

    private static int measure() {
        int columns = parse(System.getenv("COLUMNS"));
        if (columns > 0) {
            return columns;
        }
        columns = stty();
        return columns > 0 ? columns : FALLBACK;
    }

    /** Reads "ROWS COLUMNS" from {@code stty size}, or 0 when there is no terminal to ask. */
    private static int stty() {
        try {
            Process process = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!process.waitFor(1, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return 0;
            }
            String[] parts = answer.split("\\s+");
            return parts.length == 2 ? parse(parts[1]) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static int parse(String number) {
        if (number == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(number.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
