package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.LoopDiagnostic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A listening TCP server made by {@link Net#createServer} or {@link Streams#startServer}: it accepts
 * connections on one or more sockets and gives each a transport and a new protocol. Used on the loop
 * thread only.
 */
public final class Server {
    /** After the process runs out of file descriptors, accepting rests this long before trying again. */
    private static final Duration ACCEPT_BACKOFF = Duration.ofSeconds(1);

    private final EventLoop loop;
    private final Supplier<? extends Protocol> protocolFactory;
    private final List<ServerSocketChannel> listeners;
    private final List<SelectionKey> keys = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final Set<TcpTransport> connections = new HashSet<>();
    private final int acceptBatch;
    private List<Future<Void>> closeWaiters;
    private boolean closed;

    Server(EventLoop loop, List<ServerSocketChannel> listeners, Supplier<? extends Protocol> protocolFactory,
            int acceptBatch) throws IOException {
        this.loop = loop;
        this.listeners = List.copyOf(listeners);
        this.protocolFactory = protocolFactory;
        this.acceptBatch = acceptBatch;
        for (ServerSocketChannel listener : this.listeners) {
            addresses.add((InetSocketAddress) listener.getLocalAddress());
            keys.add(loop.register(listener, SelectionKey.OP_ACCEPT, key -> acceptFrom(listener)));
        }
    }

    private void acceptFrom(ServerSocketChannel listener) {
        for (int i = 0; i < acceptBatch && !closed; i++) {
            SocketChannel accepted;
            try {
                accepted = listener.accept();
                if (accepted == null) {
                    return;
                }
                accepted.configureBlocking(false);
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                loop.report(new LoopDiagnostic.CallbackFailed("accepting a connection on " + listener, e));
                restAccepting();
                return;
            }
            TcpTransport.start(loop, accepted, protocolFactory.get(), this);
        }
    }

    /** Stops accepting for a while: usually the process is out of file descriptors, and retrying at once would spin. */
    private void restAccepting() {
        for (SelectionKey key : keys) {
            key.interestOps(0);
        }
        loop.callLater(ACCEPT_BACKOFF, () -> {
            if (!closed) {
                for (SelectionKey key : keys) {
                    key.interestOps(SelectionKey.OP_ACCEPT);
                }
            }
        });
    }

    void attach(TcpTransport transport) {
        connections.add(transport);
    }

    void detach(TcpTransport transport) {
        connections.remove(transport);
        wakeCloseWaiters();
    }

    /**
     * Stops listening: the listening sockets close, and connections already accepted carry on.
     * Closing twice does nothing.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSocketChannel listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                loop.report(new LoopDiagnostic.CallbackFailed("closing the listening socket " + listener, e));
            }
        }
        wakeCloseWaiters();
    }

    /**
     * A future that is done once the server is {@linkplain #close() closed} and every connection it
     * accepted is gone; await it to shut down cleanly.
     */
    public Future<Void> waitClosed() {
        Future<Void> done = loop.createFuture();
        if (closed && connections.isEmpty()) {
            done.setResult(null);
        } else {
            if (closeWaiters == null) {
                closeWaiters = new ArrayList<>(2);
            }
            closeWaiters.add(done);
        }
        return done;
    }

    private void wakeCloseWaiters() {
        if (closed && connections.isEmpty() && closeWaiters != null) {
            for (Future<Void> waiter : closeWaiters) {
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
            closeWaiters = null;
        }
    }

    /** Whether the server still accepts connections. */
    public boolean isServing() {
        return !closed;
    }

    /** The addresses it listens on: one per listening socket, with the port the system chose for port 0. */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** The first address it listens on; handy when it listens on one, as with port 0 on 127.0.0.1. */
    public InetSocketAddress address() {
        return addresses.getFirst();
    }

    /** The port it listens on (the same on every listening socket). */
    public int port() {
        return address().getPort();
    }

    /** How many accepted connections are still open. */
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public String toString() {
        return "Server" + addresses + (closed ? "[closed, " : "[") + connections.size() + " connections]";
    }
}
