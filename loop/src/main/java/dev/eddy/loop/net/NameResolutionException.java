package dev.eddy.loop.net;

import java.io.Serial;

/** A host name could not be resolved to any address (of the family asked for). */
public class NameResolutionException extends ConnectionException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which should name the host. */
    public NameResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
