package dev.eddy.loop.net;

import java.io.Serial;

/** The peer reset an established connection (or went away) while bytes were moving. */
public class ConnectionResetException extends ConnectionException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A reset described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public ConnectionResetException(String message, Throwable cause) {
        super(message, cause);
    }
}
