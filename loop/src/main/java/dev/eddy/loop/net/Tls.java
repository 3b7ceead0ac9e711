package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The entry points for TLS on the loop: contexts, and the {@link TlsProtocol} that layers TLS
 * over any stream {@link Transport}.
 *
 * <p>To make a TLS client connection, give the raw connection a {@link TlsProtocol} as its
 * protocol, then await the handshake:
 *
 * <pre>{@code
 * TlsProtocol tls = Tls.client(loop, appProtocol, Tls.clientContext(), "tracker.example.org");
 * createConnection("tracker.example.org", 443, () -> tls).await();   // the raw TCP connection
 * Transport secure = tls.handshake().await();                          // appProtocol.connectionMade(secure) has run
 * }</pre>
 *
 * <p>A TLS server gives each accepted connection {@code Tls.server(loop, appProtocolFactory.get(), context)}.
 * An open plaintext connection is upgraded with {@link #startTls}.
 */
public final class Tls {
    /** How long a handshake may take unless {@link TlsProtocol#withHandshakeTimeout} says otherwise. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private Tls() {}

    /**
     * The JDK's default context: it trusts the JDK's CA certificates (its {@code cacerts} trust
     * store). The first call in a JVM reads and parses that store, tens of milliseconds of blocking
     * work: make it through {@link dev.eddy.loop.EventLoop#runInExecutor}, not on the loop thread.
     */
    public static SSLContext clientContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }

    /** A client context that trusts exactly the certificates in {@code trustStore}. */
    public static SSLContext clientContext(KeyStore trustStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a TLS client context from that trust store: " + e.getMessage(), e);
        }
    }

    /** A server context presenting the key and certificate chain in {@code keyStore}. */
    public static SSLContext serverContext(KeyStore keyStore, char[] keyPassword) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a TLS server context from that key store: " + e.getMessage(), e);
        }
    }

    /**
     * The protocol for a raw client connection that speaks TLS to {@code serverHostname}, and
     * feeds {@code app} once the handshake is done. The server's certificate must chain to one
     * that {@code context} trusts and name {@code serverHostname} (HTTPS rules), which also goes
     * out as SNI unless it is an address literal.
     */
    public static TlsProtocol client(EventLoop loop, Protocol app, SSLContext context, String serverHostname) {
        return new TlsProtocol(loop, app, context, false, serverHostname, true);
    }

    /** The protocol for a raw connection accepted by a TLS server, feeding {@code app} once the handshake is done. */
    public static TlsProtocol server(EventLoop loop, Protocol app, SSLContext context) {
        return new TlsProtocol(loop, app, context, true, null, true);
    }

    /**
     * Upgrades an open plaintext connection to TLS, like asyncio's {@code start_tls}: from now on
     * {@code transport} feeds the TLS layer, whose handshake starts at once. Call on the loop
     * thread, at a point where the peer expects the handshake and no plaintext is in flight.
     *
     * <p>{@code protocol} is not told {@link Protocol#connectionMade} again; the returned future
     * gives it the new transport.
     *
     * @param serverHostname the name the server's certificate must carry; ignored on the server side
     * @return a future of the app-side transport once the handshake is done, failed with a
     *     {@link TlsHandshakeException} otherwise (the connection is closed then)
     */
    public static Future<Transport> startTls(Transport transport, Protocol protocol, SSLContext context,
            boolean serverSide, String serverHostname) {
        TlsProtocol tls = new TlsProtocol(EventLoop.current(), protocol, context, serverSide,
                serverSide ? null : serverHostname, false);
        transport.setProtocol(tls);
        tls.connectionMade(transport);
        return tls.handshake();
    }
}
