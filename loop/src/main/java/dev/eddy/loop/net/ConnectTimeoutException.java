package dev.eddy.loop.net;

import java.io.Serial;

/** A connection attempt got no answer within its connect timeout. */
public class ConnectTimeoutException extends ConnectionException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code message}, which should name the address and the timeout. */
    public ConnectTimeoutException(String message) {
        super(message, null);
    }
}
