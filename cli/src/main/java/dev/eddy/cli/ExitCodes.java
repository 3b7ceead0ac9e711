package dev.eddy.cli;

/** The exit codes of the {@code eddy} command, the same for every subcommand. */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int SUCCESS = 0;
    /** The command ran but failed, or found the data incomplete. */
    public static final int FAILURE = 1;
    /** The command line itself was wrong. */
    public static final int USAGE = 2;
    /** Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + SIGINT's number, as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
