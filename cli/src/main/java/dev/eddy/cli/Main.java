package dev.eddy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point of the runnable jar: {@code java -jar eddy.jar COMMAND ...}. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        MainTask mainTask = new MainTask(() -> Runtime.getRuntime().halt(ExitCodes.INTERRUPTED));
        Signals.forward(mainTask);
        PrintWriter out = new PrintWriter(System.out, false, System.out.charset());
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        int code = execute(args, out, err, mainTask);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command in this JVM, as {@link #main} does but without exiting: the tests' way in.
     *
     * @param args the command line
     * @param out where the command's output goes
     * @param err where errors and log messages go
     * @param mainTask runs work on an event loop and takes interrupts
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, MainTask mainTask) {
        EddyCommand root = new EddyCommand(mainTask);
        CommandLine commandLine = new CommandLine(root);
        ErrorReporter reporter = new ErrorReporter(root);
        commandLine.setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(reporter)
                .setExecutionExceptionHandler(reporter)
                .setExecutionStrategy(parseResult -> {
                    try (LogSetup logging = LogSetup.install(err, root.verbosity(), root.logFile())) {
                        return new CommandLine.RunLast().execute(parseResult);
                    } catch (IOException e) {
                        err.println("eddy: cannot open the log file " + root.logFile() + ": " + e.getMessage()
                                + "; choose a writable path for --log-file");
                        return ExitCodes.FAILURE;
                    }
                });
        int code = commandLine.execute(args);
        out.flush();
        return code;
    }
}
