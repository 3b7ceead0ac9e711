package dev.eddy.loop.net;

import java.util.Objects;

/**
 * How {@link Net#createServer} listens.
 *
 * @param backlog how many connections the kernel may queue before they are accepted (it caps this itself)
 * @param reuseAddress {@code SO_REUSEADDR}: rebind a port whose old connections linger in TIME_WAIT
 * @param family which IP versions to listen on, when the host resolves to both
 */
public record ServerOptions(int backlog, boolean reuseAddress, AddressFamily family) {
    /** A backlog of 1024, address reuse on, either IP version. */
    public static final ServerOptions DEFAULTS = new ServerOptions(1024, true, AddressFamily.ANY);

    /** Checks the options. */
    public ServerOptions {
        Objects.requireNonNull(family, "family");
        if (backlog < 1) {
            throw new IllegalArgumentException("the backlog must be at least 1, not " + backlog);
        }
    }

    /** These options with a backlog of {@code connections}. */
    public ServerOptions withBacklog(int connections) {
        return new ServerOptions(connections, reuseAddress, family);
    }

    /** These options with address reuse {@code on} or off. */
    public ServerOptions withReuseAddress(boolean on) {
        return new ServerOptions(backlog, on, family);
    }

    /** These options restricted to {@code ipVersions}. */
    public ServerOptions withFamily(AddressFamily ipVersions) {
        return new ServerOptions(backlog, reuseAddress, ipVersions);
    }
}
