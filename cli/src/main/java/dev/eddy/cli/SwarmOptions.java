package dev.eddy.cli;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.ConnectionException;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of every command that joins a swarm ({@code download}, {@code seed}): the listening
 * port, peers given directly, and the upload limit. A picocli mixin, so both commands spell and
 * check them alike.
 */
final class SwarmOptions {
    /** The conventional BitTorrent port, as most clients use by default. */
    static final int DEFAULT_PORT = 6881;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "The TCP port peers connect to; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--peer", paramLabel = "HOST:PORT", converter = PeerAddressConverter.class,
            description = "A peer to connect to directly, such as 127.0.0.1:6881 or [::1]:6881; repeatable."
                    + " Needs no tracker.")
    List<PeerAddress> peers = new ArrayList<>();

    @Option(names = "--upload-limit", paramLabel = "RATE", converter = SizeConverter.class, defaultValue = "0",
            description = "Upload at most RATE bytes per second, such as 500k or 10M (default: no limit).")
    long uploadLimit;

    /**
     * Checks the port, as a usage error.
     *
     * @param commandLine the command these options belong to
     * @throws ParameterException if the port is out of range
     */
    void check(CommandLine commandLine) {
        if (port < 0 || port > 0xFFFF) {
            throw new ParameterException(commandLine, "-p is " + port + "; a port is 0 (any free one) to 65535");
        }
    }

    /**
     * Starts a client listening on the chosen port, inside the main task.
     *
     * @param options the client's settings; the port and host are set here
     * @param host the address to listen on, or {@code null} for every interface
     * @return the started client
     * @throws CliException if the port is taken or cannot be bound
     */
    Client startClient(ClientOptions options, String host) {
        try {
            return Client.start(EventLoop.current(), options.withListen(host, port)).await();
        } catch (ConnectionException e) {
            throw listenFailure(e, "-p", port);
        }
    }

    /**
     * Explains a failure to listen on a port as one line saying what to do.
     *
     * @param failure what binding threw
     * @param flag the option that chose the port
     * @param port the port asked for
     * @return the failure to throw
     */
    static CliException listenFailure(RuntimeException failure, String flag, int port) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return new CliException("port " + port + " is in use (or not allowed); choose another with " + flag
                        + " PORT, or " + flag + " 0 for any free port", failure);
            }
        }
        return new CliException("cannot listen on port " + port + ": " + failure.getMessage()
                + "; choose another with " + flag + " PORT", failure);
    }
}
