package dev.eddy.torrent.peer;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.net.Net;
import dev.eddy.loop.net.Protocol;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.Transport;
import dev.eddy.torrent.metainfo.InfoHash;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The listening side: one server for every torrent of the client. Each accepted connection reads
 * the first 48 bytes of the handshake, and the info hash in them picks the torrent; an unknown hash,
 * or a torrent at its {@link ConnectionLimits limit}, closes the connection before we answer. When
 * the client as a whole is at its limit, connections are closed as they are accepted, before any
 * byte is read. A connection that has not named its torrent holds no slot, and the handshake
 * timeout bounds how long it may take. Used on the loop thread only.
 */
public final class IncomingDispatcher {
    private static final System.Logger LOG = System.getLogger(IncomingDispatcher.class.getName());

    private final EventLoop loop;
    private final ConnectionLimits limits;
    private final PeerOptions options;
    private final Map<InfoHash, PeerTorrent> torrents = new HashMap<>();
    private Server server;
    private long rejected;

    /**
     * Creates a dispatcher; it listens once {@link #listen} is called.
     *
     * @param loop the loop
     * @param limits the client's connection limits, shared with outgoing connections
     * @param options the options for incoming connections
     */
    public IncomingDispatcher(EventLoop loop, ConnectionLimits limits, PeerOptions options) {
        this.loop = loop;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Serves a torrent: connections naming its info hash go to it.
     *
     * @param torrent the torrent
     * @throws IllegalStateException if a torrent with that info hash is served already
     */
    public void register(PeerTorrent torrent) {
        if (torrents.putIfAbsent(torrent.infoHash(), torrent) != null) {
            throw new IllegalStateException("torrent " + torrent.infoHash() + " is registered already");
        }
    }

    /**
     * Stops serving a torrent; its open connections are the torrent's to close.
     *
     * @param infoHash the torrent
     */
    public void unregister(InfoHash infoHash) {
        torrents.remove(infoHash);
    }

    /**
     * Starts listening.
     *
     * @param host the address to listen on, or {@code null} for every interface
     * @param port the port, or 0 for one the system picks
     * @return a future with the server
     * @throws IllegalStateException if it listens already
     */
    public Future<Server> listen(String host, int port) {
        if (server != null) {
            throw new IllegalStateException("already listening on " + server.addresses());
        }
        Future<Server> listening = Net.createServer(loop, host, port, this::newProtocol);
        Future<Server> result = loop.createFuture();
        listening.addDoneCallback(done -> {
            if (done.cancelled()) {
                result.cancel();
            } else if (done.exception() != null) {
                result.setException(done.exception());
            } else {
                server = done.result();
                result.setResult(server);
            }
        });
        return result;
    }

    /** {@return the server, once listening; {@code null} before} */
    public Server server() {
        return server;
    }

    /** {@return how many connections were turned away: unknown torrent or a limit} */
    public long rejected() {
        return rejected;
    }

    /** Stops listening; connections already made carry on. */
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private Protocol newProtocol() {
        if (limits.isFull()) {
            rejected++;
            return new Protocol() {
                @Override
                public void connectionMade(Transport transport) {
                    LOG.log(Level.DEBUG, () -> "turned away " + transport.peerAddress() + ": " + limits.limitReached(null));
                    transport.abort();
                }
            };
        }
        return PeerConnection.incoming(loop, this, options).protocol();
    }

    /**
     * Picks the torrent for an incoming connection that named {@code infoHash}, taking a connection
     * slot for it; otherwise closes the connection with the reason.
     *
     * @return the torrent, or {@code null} if the connection was closed
     */
    PeerTorrent admit(PeerConnection connection, InfoHash infoHash) {
        PeerTorrent torrent = torrents.get(infoHash);
        if (torrent == null) {
            rejected++;
            connection.close(new CloseReason.UnknownTorrent(infoHash));
            return null;
        }
        Optional<ConnectionLimits.Slot> slot = limits.tryOpen(infoHash);
        if (slot.isEmpty()) {
            rejected++;
            connection.close(new CloseReason.LimitReached(limits.limitReached(infoHash)));
            return null;
        }
        connection.closed().addDoneCallback(done -> slot.get().release());
        return torrent;
    }
}
