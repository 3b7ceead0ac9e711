package dev.eddy.loop.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Net#createConnection} connects.
 *
 * @param connectTimeout how long the whole attempt (name resolution included) may take; {@code null} for no limit
 * @param family which IP versions to try
 */
public record ConnectOptions(Duration connectTimeout, AddressFamily family) {
    /** No connect timeout, either IP version. */
    public static final ConnectOptions DEFAULTS = new ConnectOptions(null, AddressFamily.ANY);

    /** Checks the options. */
    public ConnectOptions {
        Objects.requireNonNull(family, "family");
        if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
            throw new IllegalArgumentException("the connect timeout must be positive, not " + connectTimeout);
        }
    }

    /** These options with a connect timeout of {@code timeout}. */
    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(timeout, family);
    }

    /** These options restricted to {@code ipVersions}. */
    public ConnectOptions withFamily(AddressFamily ipVersions) {
        return new ConnectOptions(connectTimeout, ipVersions);
    }
}
