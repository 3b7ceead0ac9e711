package dev.eddy.torrent.peer;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a peer can be reached: an IPv4 or IPv6 address and a TCP port, as trackers report peers and
 * as Eddy dials them.
 *
 * @param address the peer's IP address (never a host name)
 * @param port the TCP port, 0 to 65535; 0 is kept as reported, since some trackers send it, and
 *     simply cannot be dialled
 */
public record PeerAddress(InetAddress address, int port) {

    /** Checks the port range. */
    public PeerAddress {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("a TCP port is 0 to 65535, not " + port);
        }
        java.util.Objects.requireNonNull(address, "address");
    }

    /** Whether this is an IPv6 address (an IPv4-mapped one counts as IPv4). */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** Whether a connection to it can be attempted: port 0 and wildcard addresses cannot. */
    public boolean isDialable() {
        return port != 0 && !address.isAnyLocalAddress() && !address.isMulticastAddress();
    }

    /** The address as a socket address for connecting. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code 1.2.3.4:6881} or {@code [::1]:6881}. */
    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (address instanceof Inet4Address ? host : "[" + host + "]") + ":" + port;
    }
}
