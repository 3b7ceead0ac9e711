package dev.eddy.loop.net;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens UDP endpoints on the loop, like asyncio's {@code create_datagram_endpoint}.
 *
 * <pre>{@code
 * var endpoint = Datagrams.createEndpoint(loop, new InetSocketAddress("127.0.0.1", 0), null, EchoProtocol::new).await();
 * endpoint.transport().sendTo(ByteBuffer.wrap(hello), peer);
 * }</pre>
 *
 * @see DatagramRequests for sending a request and awaiting its reply
 */
public final class Datagrams {
    private Datagrams() {}

    /**
     * Opens a UDP socket, binds it to {@code localAddress} and, if {@code remoteAddress} is given,
     * connects it there (so it only exchanges datagrams with that peer, and hears ICMP errors
     * such as port unreachable through {@link DatagramProtocol#errorReceived}). The protocol's
     * {@link DatagramProtocol#connectionMade} runs on a later iteration, then the future completes.
     *
     * <p>The socket's family, IPv4 or IPv6, follows the remote address if there is one, else the
     * local one. Unresolved addresses are resolved by {@link AddressResolver#system()} (off the loop
     * thread, cached briefly). Call on the loop thread.
     *
     * @param localAddress where to bind; {@code null} for any address and an ephemeral port
     * @param remoteAddress the peer to connect to; {@code null} for an unconnected endpoint that
     *     sends with an explicit target and receives from anyone
     * @param protocolFactory makes the protocol, once the socket is open
     * @return a future of the endpoint, failed with a {@link NameResolutionException} if a host name
     *     does not resolve, or an {@link UncheckedIOException} if the socket cannot be opened, bound or
     *     connected (its cause says why, e.g. a {@link java.net.BindException})
     */
    public static <P extends DatagramProtocol> Future<DatagramEndpoint<P>> createEndpoint(
            EventLoop loop, SocketAddress localAddress, SocketAddress remoteAddress, Supplier<? extends P> protocolFactory) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Future<DatagramEndpoint<P>> endpoint = loop.createFuture();
        if (!isUnresolved(localAddress) && !isUnresolved(remoteAddress)) {
            open(loop, localAddress, remoteAddress, protocolFactory, endpoint);
            return endpoint;
        }
        // Names go through the loop's resolver: off the loop thread, cached, typed failures.
        Async.gather(resolved(loop, localAddress), resolved(loop, remoteAddress)).addDoneCallback(done -> {
            if (endpoint.done()) {
                return;
            }
            if (done.cancelled()) {
                endpoint.cancel();
            } else if (done.exception() != null) {
                endpoint.setException(done.exception());
            } else {
                open(loop, done.result().get(0), done.result().get(1), protocolFactory, endpoint);
            }
        });
        return endpoint;
    }

    private static <P extends DatagramProtocol> void open(EventLoop loop, SocketAddress local, SocketAddress remote,
            Supplier<? extends P> protocolFactory, Future<DatagramEndpoint<P>> endpoint) {
        DatagramChannel channel = null;
        try {
            ProtocolFamily family = familyOf(remote != null ? remote : local);
            channel = family != null ? DatagramChannel.open(family) : DatagramChannel.open();
            channel.configureBlocking(false);
            if (local != null || remote == null) {
                channel.bind(local);
            }
            if (remote != null) {
                channel.connect(remote);
            }
            P protocol = protocolFactory.get();
            DatagramChannelTransport transport = new DatagramChannelTransport(loop, channel, protocol);
            transport.start(() -> {
                if (!endpoint.done()) {
                    endpoint.setResult(new DatagramEndpoint<>(transport, protocol));
                }
            });
        } catch (IOException e) {
            closeQuietly(channel);
            endpoint.setException(new UncheckedIOException("could not open a UDP endpoint on " + local
                    + (remote != null ? " to " + remote : "") + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            closeQuietly(channel);
            endpoint.setException(e);
        }
    }

    private static ProtocolFamily familyOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            if (ip instanceof Inet6Address) {
                return StandardProtocolFamily.INET6;
            }
            if (ip instanceof Inet4Address) {
                return StandardProtocolFamily.INET;
            }
        }
        return null;
    }

    private static boolean isUnresolved(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.isUnresolved();
    }

    /** {@code address} itself, or the first address its host name resolves to. */
    private static Future<SocketAddress> resolved(EventLoop loop, SocketAddress address) {
        Future<SocketAddress> result = loop.createFuture();
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            FutureLink.forward(AddressResolver.system().getAddrInfo(loop, inet.getHostString(), inet.getPort()),
                    result, List::getFirst, unused -> { });
        } else {
            result.setResult(address);
        }
        return result;
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with the error that matters.
            }
        }
    }
}
