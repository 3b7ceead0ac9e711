package dev.eddy.torrent.uri;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A host and TCP port as people and magnet links write them: {@code 10.0.0.1:6881},
 * {@code [::1]:6881} or {@code seedbox.lan:51413}, the way a URI's authority does (RFC 3986). The
 * host is kept as written, never resolved, so it is safe to make on the loop thread.
 *
 * @param host a host name or an IP address, an IPv6 one without its brackets
 * @param port the TCP port, 0 to 65535 (as {@link InetSocketAddress} allows; {@link #parse} asks
 *     for one that can be dialled)
 */
public record HostPort(String host, int port) {
    private static final String AS_HOST_PORT = "write it as HOST:PORT, such as 127.0.0.1:6881";
    private static final String IPV6_IN_BRACKETS = "write an IPv6 address in brackets, such as [::1]:6881";
    private static final String PORT_RANGE = "the port must be a number from 1 to 65535";

    /**
     * Checks that there is a host and that the port is in range.
     *
     * @param host the host
     * @param port the port
     */
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("a TCP port is 0 to 65535, not " + port);
        }
    }

    /**
     * Reads {@code HOST:PORT}, with an IPv6 address in brackets and a port from 1 to 65535.
     *
     * @param text what was written
     * @return the host and port
     * @throws IllegalArgumentException whose message says, in one line, how to write it (and does
     *     not repeat {@code text}, which the caller names in its own words)
     */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(AS_HOST_PORT);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") || host.endsWith("]")) {
            host = ipv6InBrackets(host);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(IPV6_IN_BRACKETS);
        }
        return new HostPort(host, dialablePort(text.substring(colon + 1)));
    }

    /** {@return the address to connect to, with the host still unresolved} */
    public InetSocketAddress toUnresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@return {@code host:port}, with an IPv6 address in brackets so that {@link #parse} reads it back} */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String ipv6InBrackets(String bracketed) {
        String inside = bracketed.length() > 2 && bracketed.startsWith("[") && bracketed.endsWith("]")
                ? bracketed.substring(1, bracketed.length() - 1) : "";
        try {
            // ofLiteral only parses, never asks DNS; it refuses anything that is not an IP address.
            InetAddress.ofLiteral(inside);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IPV6_IN_BRACKETS);
        }
        if (inside.indexOf(':') < 0) {
            throw new IllegalArgumentException(IPV6_IN_BRACKETS);
        }
        return inside;
    }

    private static int dialablePort(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(PORT_RANGE);
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException(PORT_RANGE);
        }
        return port;
    }
}
