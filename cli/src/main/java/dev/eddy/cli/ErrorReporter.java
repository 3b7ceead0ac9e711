package dev.eddy.cli;

import dev.eddy.loop.CancelledException;
import dev.eddy.torrent.storage.DiskFullException;
import dev.eddy.torrent.storage.PermissionDeniedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns whatever stopped a command into one line on stderr and an exit code: a usage error (2),
 * an interrupt (130) or a failure (1). The stack trace follows only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final EddyCommand root;

    ErrorReporter(EddyCommand root) {
        this.root = root;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        command.getErr().flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof CancelledException) {
            err.println("eddy: interrupted");
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        err.println("eddy: " + oneLine(describe(e)));
        if (root.verbosity() == Verbosity.VERBOSE) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** What went wrong and what to do, for the failures that reach here unexplained. */
    static String describe(Exception e) {
        return switch (e) {
            case CliException cli -> cli.getMessage();
            case DiskFullException full -> full.getMessage() + "; free some space and run the command again";
            case PermissionDeniedException denied -> denied.getMessage() + "; check the permissions of that folder";
            case NoSuchFileException missing -> missing.getFile() + ": no such file or folder";
            case AccessDeniedException denied -> denied.getFile() + ": permission denied; check its permissions";
            case IOException io -> io.getMessage();
            default -> "unexpected error: " + e + " (run again with --verbose for the stack trace, and report it)";
        };
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
