package dev.eddy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes {@code System.Logger} output for one run of the command. With the JDK's default logger
 * finder, {@code System.Logger} writes to java.util.logging, so this swaps the root logger's
 * handlers for two of its own: stderr at the level {@link Verbosity} asks for, and optionally a
 * file that gets everything down to debug. Closing it puts the previous handlers back, so in-process
 * runs (the tests) leave logging as they found it.
 */
final class LogSetup implements AutoCloseable {
    private static final String TORRENT_SESSION = "dev.eddy.torrent.session.TorrentSession";

    private final Logger root = Logger.getLogger("");
    private final Handler[] previousHandlers;
    private final Level previousLevel;
    private final List<Handler> installed;

    private LogSetup(PrintWriter err, Verbosity verbosity, Path logFile) throws IOException {
        previousHandlers = root.getHandlers();
        previousLevel = root.getLevel();
        Handler console = new WriterHandler(err, new LogFormatter(verbosity == Verbosity.VERBOSE, false));
        console.setFilter(LogSetup::forConsole);
        console.setLevel(switch (verbosity) {
            case QUIET -> Level.SEVERE;
            case NORMAL -> Level.WARNING;
            case VERBOSE -> Level.FINE;
        });
        if (logFile == null) {
            installed = List.of(console);
        } else {
            PrintWriter file = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
            Handler fileHandler = new WriterHandler(file, new LogFormatter(true, true));
            fileHandler.setLevel(Level.FINE);
            fileHandler.setFilter(LogSetup::ownDebugOnly);
            installed = List.of(console, fileHandler);
        }
        for (Handler handler : previousHandlers) {
            root.removeHandler(handler);
        }
        installed.forEach(root::addHandler);
        root.setLevel(Level.FINE);
    }

    /** Debug messages from Eddy only: the JDK's own (certificates loaded, say) would drown them. */
    private static boolean ownDebugOnly(LogRecord record) {
        return record.getLevel().intValue() >= Level.INFO.intValue()
                || record.getLoggerName() != null && record.getLoggerName().startsWith("dev.eddy.");
    }

    /**
     * The console leaves out the session's warning that a torrent stopped on an error: the command
     * reports that same error as its one-line failure, and errors are one line. The log file keeps it.
     */
    private static boolean forConsole(LogRecord record) {
        return ownDebugOnly(record) && !(TORRENT_SESSION.equals(record.getLoggerName())
                && record.getLevel() == Level.WARNING && String.valueOf(record.getMessage()).contains(": stopping: "));
    }

    /**
     * Installs the handlers.
     *
     * @param err where stderr output goes
     * @param verbosity how much goes there
     * @param logFile a file that receives every message down to debug, appended to, or null
     * @return the setup, to close when the command ends
     * @throws IOException if the log file cannot be opened
     */
    static LogSetup install(PrintWriter err, Verbosity verbosity, Path logFile) throws IOException {
        return new LogSetup(err, verbosity, logFile);
    }

    @Override
    public void close() {
        for (Handler handler : installed) {
            root.removeHandler(handler);
            handler.close();
        }
        for (Handler handler : previousHandlers) {
            root.addHandler(handler);
        }
        root.setLevel(previousLevel);
    }

    /** A handler that writes formatted records to a writer and flushes each one. */
    private static final class WriterHandler extends Handler {
        private final PrintWriter out;

        WriterHandler(PrintWriter out, java.util.logging.Formatter formatter) {
            this.out = out;
            setFormatter(formatter);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (isLoggable(record)) {
                out.print(getFormatter().format(record));
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
