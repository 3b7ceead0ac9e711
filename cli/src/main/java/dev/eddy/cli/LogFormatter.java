package dev.eddy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per log message: {@code eddy: warning: [MetainfoParser] ...} on stderr, and a timestamped
 * form with full logger names for log files. Stack traces only when asked for.
 */
final class LogFormatter extends Formatter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final boolean stackTraces;
    private final boolean forFile;

    LogFormatter(boolean stackTraces, boolean forFile) {
        this.stackTraces = stackTraces;
        this.forFile = forFile;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder();
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (forFile) {
            line.append(TIME.format(record.getInstant())).append(' ')
                    .append(levelName(record.getLevel())).append(' ').append(logger).append(": ");
        } else {
            line.append("eddy: ").append(levelName(record.getLevel()).toLowerCase(Locale.ROOT)).append(": [")
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append("] ");
        }
        line.append(formatMessage(record)).append(System.lineSeparator());
        if (stackTraces && record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** The System.Logger level names, which is what Eddy's code logs with. */
    private static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
