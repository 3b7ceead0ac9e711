package dev.eddy.loop.net;

import java.io.Serial;

/** Nothing listens at the address a connection was attempted to: the peer answered with a reset. */
public class ConnectionRefusedException extends ConnectionException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public ConnectionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
