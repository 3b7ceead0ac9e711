package dev.eddy.loop.net;

import java.io.Serial;

/**
 * A TLS connection failed after its handshake: a corrupt or forged record, an alert from the
 * peer, or a protocol violation. Unchecked, like every error the loop raises into coroutines; the
 * {@linkplain #getCause() cause} is usually the JDK's {@link javax.net.ssl.SSLException}.
 *
 * @see TlsHandshakeException
 */
public class TlsException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
