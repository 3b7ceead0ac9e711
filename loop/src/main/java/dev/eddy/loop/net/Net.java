package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimerHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * TCP at callback level, as asyncio's {@code loop.create_connection} and {@code loop.create_server}:
 * each connection is a {@link Transport} feeding a {@link Protocol}. The coroutine-level API on top
 * of it is {@link Streams}; name resolution is {@link AddressResolver}.
 *
 * <pre>{@code
 * Server server = Net.createServer(loop, "127.0.0.1", 8888, EchoProtocol::new).await();
 * Transport transport = Net.createConnection(loop, "127.0.0.1", 8888, MyClient::new).await();
 * }</pre>
 */
public final class Net {
    private Net() {}

    /**
     * Connects to {@code host}:{@code port} and starts a transport feeding a protocol from
     * {@code protocolFactory}. Addresses are tried in turn, as {@link AddressResolver} returns them.
     *
     * @return a future with the transport ({@link Transport#protocol()} is the protocol), after
     *     {@link Protocol#connectionMade} was called; failed with {@link ConnectionRefusedException},
     *     {@link ConnectTimeoutException}, {@link NameResolutionException} or another
     *     {@link ConnectionException}
     */
    public static Future<Transport> createConnection(EventLoop loop, String host, int port,
            Supplier<? extends Protocol> protocolFactory, ConnectOptions options) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        Future<SocketChannel> connected = connect(loop, host, port, options);
        Future<Transport> result = loop.createFuture();
        FutureLink.forward(connected, result, channel -> TcpTransport.start(loop, channel, protocolFactory.get(), null),
                Net::closeQuietly);
        return result;
    }

    /** {@link #createConnection(EventLoop, String, int, Supplier, ConnectOptions)} with the defaults: no timeout, either IP version. */
    public static Future<Transport> createConnection(EventLoop loop, String host, int port,
            Supplier<? extends Protocol> protocolFactory) {
        return createConnection(loop, host, port, protocolFactory, ConnectOptions.DEFAULTS);
    }

    /**
     * A connected, non-blocking socket to {@code host}:{@code port}, with {@code TCP_NODELAY} set;
     * the part of {@link #createConnection} that the stream and TLS layers share.
     */
    static Future<SocketChannel> connect(EventLoop loop, String host, int port, ConnectOptions options) {
        Task<SocketChannel> attempt = loop.createTask("connect " + host + ":" + port, () -> {
            List<InetSocketAddress> addresses =
                    AddressResolver.system().getAddrInfo(loop, host, port, options.family()).await();
            RuntimeException last = null;
            for (InetSocketAddress address : addresses) {
                SocketChannel channel = SocketChannel.open(address.getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                boolean ok = false;
                try {
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    SocketOps.sockConnect(channel, address).await();
                    ChannelWaiters.forget(channel);
                    ok = true;
                    return channel;
                } catch (ConnectionException e) {
                    last = e;
                } finally {
                    if (!ok) {
                        closeQuietly(channel);
                    }
                }
            }
            throw last;
        });
        if (options.connectTimeout() == null) {
            return attempt;
        }
        Future<SocketChannel> result = loop.createFuture();
        TimerHandle timer = loop.callLater(options.connectTimeout(), () -> {
            if (!result.done()) {
                result.setException(new ConnectTimeoutException("connecting to " + host + ":" + port
                        + " timed out after " + options.connectTimeout().toMillis() + " ms"));
                attempt.cancel("connect timeout");
            }
        });
        attempt.addDoneCallback(done -> timer.cancel());
        FutureLink.forward(attempt, result, channel -> channel, Net::closeQuietly);
        return result;
    }

    /**
     * Listens on {@code host}:{@code port} and gives every accepted connection a transport and a new
     * protocol from {@code protocolFactory}.
     *
     * @param host where to listen: an address or a name (every address it resolves to gets a
     *     listening socket), or {@code null} for every interface
     * @param port the port, or 0 for one the system chooses (the same on every socket; see {@link Server#port()})
     * @return a future with the server, already accepting
     */
    public static Future<Server> createServer(EventLoop loop, String host, int port,
            Supplier<? extends Protocol> protocolFactory, ServerOptions options) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(options, "options");
        Future<List<InetSocketAddress>> addresses = host == null
                ? wildcard(loop, port, options.family())
                : AddressResolver.system().getAddrInfo(loop, host, port, options.family());
        Future<Server> result = loop.createFuture();
        FutureLink.forward(addresses, result, resolved -> listen(loop, resolved, protocolFactory, options),
                unused -> {});
        return result;
    }

    /** {@link #createServer(EventLoop, String, int, Supplier, ServerOptions)} with the {@linkplain ServerOptions#DEFAULTS defaults}. */
    public static Future<Server> createServer(EventLoop loop, String host, int port,
            Supplier<? extends Protocol> protocolFactory) {
        return createServer(loop, host, port, protocolFactory, ServerOptions.DEFAULTS);
    }

    private static Future<List<InetSocketAddress>> wildcard(EventLoop loop, int port, AddressFamily family) {
        Future<List<InetSocketAddress>> result = loop.createFuture();
        String any = family == AddressFamily.IPV4 ? "0.0.0.0" : "::";
        // "::" listens on IPv4 too (a dual-stack socket), so one socket covers both for ANY.
        result.setResult(List.of(new InetSocketAddress(AddressResolver.literal(any), port)));
        return result;
    }

    private static Server listen(EventLoop loop, List<InetSocketAddress> addresses,
            Supplier<? extends Protocol> protocolFactory, ServerOptions options) {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            int port = addresses.getFirst().getPort();
            for (InetSocketAddress address : addresses) {
                ServerSocketChannel listener = ServerSocketChannel.open(
                        address.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                listeners.add(listener);
                listener.configureBlocking(false);
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
                // With port 0, every socket after the first takes the port the system gave the first.
                listener.bind(new InetSocketAddress(address.getAddress(), port), options.backlog());
                port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            }
            return new Server(loop, listeners, protocolFactory, Math.min(options.backlog(), 512));
        } catch (IOException e) {
            listeners.forEach(Net::closeQuietly);
            throw new ConnectionException("cannot listen on " + addresses + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            listeners.forEach(Net::closeQuietly);
            throw e;
        }
    }

    /**
     * The socket addresses for {@code host} and {@code port} from the {@linkplain AddressResolver#system()
     * shared resolver}: looked up on an executor thread, cached briefly; IP literals need no lookup.
     */
    public static Future<List<InetSocketAddress>> getAddrInfo(EventLoop loop, String host, int port) {
        return AddressResolver.system().getAddrInfo(loop, host, port);
    }

    static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the channel is being dropped
        }
    }
}
