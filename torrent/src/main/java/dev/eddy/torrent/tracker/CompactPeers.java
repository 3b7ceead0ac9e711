package dev.eddy.torrent.tracker;

import dev.eddy.torrent.peer.PeerAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact peer formats: 6 bytes per IPv4 peer (BEP 23) and 18 per IPv6 peer (BEP 7), address
 * then port, both big-endian. Trackers send them; Eddy's tracker writes them.
 */
public final class CompactPeers {
    /** Bytes per IPv4 entry. */
    public static final int IPV4_ENTRY = 6;
    /** Bytes per IPv6 entry. */
    public static final int IPV6_ENTRY = 18;

    private CompactPeers() {}

    /**
     * Reads a compact list of IPv4 peers.
     *
     * @throws IllegalArgumentException if the length is not a multiple of 6
     */
    public static List<PeerAddress> decodeIpv4(ByteBuffer data) {
        return decode(data, 4);
    }

    /**
     * Reads a compact list of IPv6 peers.
     *
     * @throws IllegalArgumentException if the length is not a multiple of 18
     */
    public static List<PeerAddress> decodeIpv6(ByteBuffer data) {
        return decode(data, 16);
    }

    /** Writes the IPv4 peers of {@code peers} in compact form, skipping the IPv6 ones. */
    public static byte[] encodeIpv4(List<PeerAddress> peers) {
        return encode(peers, 4);
    }

    /** Writes the IPv6 peers of {@code peers} in compact form, skipping the IPv4 ones. */
    public static byte[] encodeIpv6(List<PeerAddress> peers) {
        return encode(peers, 16);
    }

    private static List<PeerAddress> decode(ByteBuffer data, int addressLength) {
        int entry = addressLength + 2;
        if (data.remaining() % entry != 0) {
            throw new IllegalArgumentException("a compact peer list of " + data.remaining()
                    + " bytes is not a whole number of " + entry + "-byte entries");
        }
        List<PeerAddress> peers = new ArrayList<>(data.remaining() / entry);
        byte[] address = new byte[addressLength];
        while (data.hasRemaining()) {
            data.get(address);
            int port = Short.toUnsignedInt(data.getShort());
            peers.add(new PeerAddress(toInetAddress(address), port));
        }
        return peers;
    }

    private static byte[] encode(List<PeerAddress> peers, int addressLength) {
        ByteBuffer out = ByteBuffer.allocate(peers.size() * (addressLength + 2));
        for (PeerAddress peer : peers) {
            InetAddress address = peer.address();
            boolean matches = addressLength == 4 ? address instanceof Inet4Address : address instanceof Inet6Address;
            if (matches) {
                out.put(address.getAddress()).putShort((short) peer.port());
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static InetAddress toInetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw); // a raw address: no name lookup happens
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }
}
