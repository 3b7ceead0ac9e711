package dev.eddy.cli;

import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/**
 * Reads {@code --peer HOST:PORT}: {@code 127.0.0.1:6881}, {@code [::1]:6881} or
 * {@code seedbox.lan:51413}. A host name is resolved here, once, while the command line is read,
 * since the engine dials addresses, not names.
 */
public final class PeerAddressConverter implements CommandLine.ITypeConverter<PeerAddress> {
    /** Creates the converter; picocli does this for options that name it. */
    public PeerAddressConverter() {
    }

    @Override
    public PeerAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(value, "write an IPv6 address in brackets, such as [::1]:6881");
        }
        if (host.isEmpty()) {
            throw invalid(value, "write it as HOST:PORT, such as 127.0.0.1:6881");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(value, "the port must be a number from 1 to 65535");
        }
        if (port < 1 || port > 0xFFFF) {
            throw invalid(value, "the port must be a number from 1 to 65535");
        }
        try {
            return new PeerAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw invalid(value, "cannot resolve the host " + host);
        }
    }

    private static CommandLine.TypeConversionException invalid(String value, String why) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a peer address: " + why);
    }
}
