package dev.eddy.loop.net;

import java.io.Serial;

/**
 * The TLS handshake failed, so no secure connection was made: the peer's certificate is not
 * trusted or does not name the host asked for, the two sides share no protocol or cipher, the peer
 * spoke something other than TLS, closed the connection mid-handshake, or took longer than the
 * handshake timeout.
 */
public class TlsHandshakeException extends TlsException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
