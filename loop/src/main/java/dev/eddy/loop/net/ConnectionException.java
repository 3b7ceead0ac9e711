package dev.eddy.loop.net;

import java.io.IOException;
import java.io.Serial;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * A TCP connection failed: it could not be made, or broke while in use. Unchecked, like every error
 * the loop raises into coroutines; the subclasses say which failure it was, and the message names
 * the address involved.
 */
public class ConnectionException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The typed failure for an I/O error on a connection to or from {@code address}: refused, reset
     * or otherwise. Exceptions that are already typed pass through unchanged.
     */
    static RuntimeException from(Throwable failure, SocketAddress address) {
        if (failure instanceof RuntimeException typed && !(failure instanceof java.io.UncheckedIOException)) {
            return typed;
        }
        String where = address == null ? "" : " (" + address + ")";
        return switch (failure) {
            case ConnectException refused when isRefusal(refused) ->
                    new ConnectionRefusedException("connection refused by " + address, refused);
            case NoRouteToHostException noRoute -> new ConnectionException("no route to " + address, noRoute);
            case ClosedChannelException closed -> new ConnectionException("the connection is closed" + where, closed);
            case IOException io when isReset(io) ->
                    new ConnectionResetException("connection reset by the peer" + where + ": " + io.getMessage(), io);
            default -> new ConnectionException("connection error" + where + ": " + failure, failure);
        };
    }

    /** {@code failure} as it is if unchecked, otherwise wrapped; for rethrowing what a connection was lost with. */
    static RuntimeException unchecked(Throwable failure) {
        return failure instanceof RuntimeException e ? e : new ConnectionException("the connection failed: " + failure, failure);
    }

    private static boolean isRefusal(ConnectException e) {
        String message = e.getMessage();
        return message == null || message.contains("refused");
    }

    private static boolean isReset(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("reset") || message.contains("Broken pipe"));
    }
}
