package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TCP at coroutine level, as asyncio's {@code open_connection} and {@code start_server}: a
 * connection is a {@link StreamReader} and a {@link StreamWriter}, used from a task with
 * sequential code. Each method here suspends the calling task, so it must be called inside one.
 *
 * <pre>{@code
 * StreamConnection c = Streams.openConnection("127.0.0.1", 8888);
 * c.writer().write("hello\n");
 * byte[] reply = c.reader().readLine();
 * }</pre>
 */
public final class Streams {
    private Streams() {}

    /**
     * Connects to {@code host}:{@code port}.
     *
     * @throws ConnectionException (refused, timed out, unresolvable) if it cannot
     */
    public static StreamConnection openConnection(String host, int port) {
        return openConnection(host, port, ConnectOptions.DEFAULTS);
    }

    /** {@link #openConnection(String, int)} with {@code options}, such as a connect timeout. */
    public static StreamConnection openConnection(String host, int port, ConnectOptions options) {
        EventLoop loop = EventLoop.current();
        Transport transport = Net.createConnection(loop, host, port,
                () -> new StreamProtocol(loop, StreamReader.DEFAULT_LIMIT, null), options).await();
        return ((StreamProtocol) transport.protocol()).connection();
    }

    /**
     * Connects to {@code host}:{@code port} over TLS, like asyncio's {@code open_connection(ssl=...)}:
     * returns once the handshake is done. The server's certificate must chain to one that
     * {@code context} trusts ({@link Tls#clientContext()} for the JDK's CAs) and name {@code host}.
     *
     * @throws ConnectionException if the TCP connection cannot be made
     * @throws TlsHandshakeException if the handshake fails, for example on a certificate that does not match
     */
    public static StreamConnection openTlsConnection(String host, int port, SSLContext context, ConnectOptions options) {
        EventLoop loop = EventLoop.current();
        StreamProtocol streams = new StreamProtocol(loop, StreamReader.DEFAULT_LIMIT, null);
        TlsProtocol tls = Tls.client(loop, streams, context, host);
        Net.createConnection(loop, host, port, () -> tls, options).await();
        tls.handshake().await();
        return streams.connection();
    }

    /**
     * Like {@link #startServer(String, int, StreamHandler, ServerOptions)}, but each connection speaks
     * TLS with {@code context}'s key and certificate; the handler starts once its handshake is done.
     */
    public static Server startTlsServer(String host, int port, StreamHandler handler, SSLContext context,
                                        ServerOptions options) {
        Objects.requireNonNull(handler, "handler");
        EventLoop loop = EventLoop.current();
        return Net.createServer(loop, host, port,
                () -> Tls.server(loop, new StreamProtocol(loop, StreamReader.DEFAULT_LIMIT, handler), context), options)
                .await();
    }

    /**
     * Listens on {@code host}:{@code port} and runs {@code handler} as a task of its own for each
     * connection; the connection closes when the handler returns.
     *
     * @param host an address or name, or {@code null} for every interface
     * @param port the port, or 0 for one the system chooses ({@link Server#port()})
     */
    public static Server startServer(String host, int port, StreamHandler handler) {
        return startServer(host, port, handler, ServerOptions.DEFAULTS);
    }

    /** {@link #startServer(String, int, StreamHandler)} with {@code options}, such as the backlog. */
    public static Server startServer(String host, int port, StreamHandler handler, ServerOptions options) {
        Objects.requireNonNull(handler, "handler");
        EventLoop loop = EventLoop.current();
        return Net.createServer(loop, host, port,
                () -> new StreamProtocol(loop, StreamReader.DEFAULT_LIMIT, handler), options).await();
    }

    /**
     * Puts a stream pair on an open transport, such as one that was just upgraded to TLS: from now
     * on the transport feeds the returned reader. Callable outside a task.
     *
     * @param limit the reader's limit, see {@link StreamReader#limit()}
     */
    public static StreamConnection attach(EventLoop loop, Transport transport, int limit) {
        StreamProtocol protocol = new StreamProtocol(loop, limit, null);
        transport.setProtocol(protocol);
        protocol.connectionMade(transport);
        return protocol.connection();
    }
}
