package dev.eddy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The terminal's width in columns, for the progress line. {@code COLUMNS} wins when the
 * environment has it (shells rarely export it, but users and scripts set it to force a width);
 * otherwise {@code stty size} on {@code /dev/tty}, which follows resizes; otherwise 80.
 *
 * <p>The progress line is drawn from the event loop, which must never wait for a process, so
 * {@link #getAsInt()} only ever returns the last answer: asking {@code stty} again, at most every
 * {@value #RECHECK_SECONDS} seconds, happens on another thread.
 */
public final class TerminalWidth implements IntSupplier {
    /** How long a measured width is trusted before asking again. */
    public static final int RECHECK_SECONDS = 2;

    private static final int FALLBACK = 80;
    private static final long RECHECK = Duration.ofSeconds(RECHECK_SECONDS).toNanos();

    private final LongSupplier nanoTime;
    private final IntSupplier measure;
    private final Executor measurer;
    private volatile int width;
    private long askedAt;
    private boolean asked;

    /**
     * A width source that measures the real terminal on a daemon thread of its own.
     *
     * @param nanoTime a monotonic clock in nanoseconds, for how long to keep an answer
     */
    public TerminalWidth(LongSupplier nanoTime) {
        this(nanoTime, TerminalWidth::measure,
                work -> Thread.ofPlatform().daemon().name("eddy-terminal-width").start(work));
    }

    /**
     * A width source with its measurement and the thread it runs on given, for tests.
     *
     * @param nanoTime a monotonic clock in nanoseconds
     * @param measure answers the width, blocking if it must; a non-positive answer is ignored
     * @param measurer runs {@code measure} away from the caller of {@link #getAsInt()}
     */
    TerminalWidth(LongSupplier nanoTime, IntSupplier measure, Executor measurer) {
        this.nanoTime = nanoTime;
        this.measure = measure;
        this.measurer = measurer;
        int columns = parse(System.getenv("COLUMNS"));
        this.width = columns > 0 ? columns : FALLBACK;
    }

    /** {@return whether standard output is a terminal} */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** The width last measured (80 until the first answer); asks again in the background when stale. */
    @Override
    public int getAsInt() {
        long now = nanoTime.getAsLong();
        if (!asked || now - askedAt >= RECHECK) {
            asked = true;
            askedAt = now;
            measurer.execute(() -> {
                int columns = measure.getAsInt();
                if (columns > 0) {
                    width = columns;
                }
            });
        }
        return width;
    }

    private static int measure() {
        int columns = parse(System.getenv("COLUMNS"));
        return columns > 0 ? columns : stty();
    }

    /** Reads "ROWS COLUMNS" from {@code stty size}, or 0 when there is no terminal to ask. */
    private static int stty() {
        try {
            Process process = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // The answer is a few bytes, so it waits in the pipe until read: bound the wait first.
            if (!process.waitFor(1, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return 0;
            }
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
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
