package dev.eddy.loop.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which IP versions a connection or server may use. */
public enum AddressFamily {
    /** IPv4 or IPv6, whichever the name resolves to, in the resolver's order. */
    ANY,
    /** IPv4 only. */
    IPV4,
    /** IPv6 only. */
    IPV6;

    /** Whether {@code address} belongs to this family. */
    public boolean accepts(InetAddress address) {
        return switch (this) {
            case ANY -> true;
            case IPV4 -> address instanceof Inet4Address;
            case IPV6 -> address instanceof Inet6Address;
        };
    }
}
