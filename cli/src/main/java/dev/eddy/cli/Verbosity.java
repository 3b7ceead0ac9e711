package dev.eddy.cli;

/** How much the command says on stderr: {@code --quiet}, the default, or {@code --verbose}. */
public enum Verbosity {
    /** Errors only. */
    QUIET,
    /** Errors and warnings, and the command's normal output. */
    NORMAL,
    /** Everything down to debug messages, and stack traces with errors. */
    VERBOSE
}
