package dev.eddy.cli;

import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code eddy} command itself: the options every subcommand shares ({@code --verbose},
 * {@code --quiet}, {@code --log-file}, {@code --help}, {@code --version}) and the list of
 * subcommands. The options are inherited, so they work before or after the subcommand's name.
 */
@Command(
        name = "eddy",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "A BitTorrent client in which every byte moves through one thread, on an event loop.",
        subcommands = {
            DownloadCommand.class,
            SeedCommand.class,
            InfoCommand.class,
            CreateCommand.class,
            VerifyCommand.class,
            TrackerCommand.class,
            DemoCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted.",
            "Shell completion: source <(eddy generate-completion)"})
public final class EddyCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log debug messages to stderr and show stack traces with errors.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors.")
    private boolean quiet;

    @Option(names = "--log-file", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Append every log message, down to debug, to FILE.")
    private Path logFile;

    private final MainTask mainTask;

    /**
     * Creates the command.
     *
     * @param mainTask runs the subcommands' work on an event loop and takes Ctrl-C
     */
    public EddyCommand(MainTask mainTask) {
        this.mainTask = mainTask;
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: "
                + String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("generate-completion")).toList()));
    }

    /** {@return how much to say, from --quiet and --verbose} */
    public Verbosity verbosity() {
        return verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL;
    }

    /** {@return the file named by --log-file, or null} */
    public Path logFile() {
        return logFile;
    }

    /** {@return the runner for work that needs the event loop} */
    public MainTask mainTask() {
        return mainTask;
    }
}
