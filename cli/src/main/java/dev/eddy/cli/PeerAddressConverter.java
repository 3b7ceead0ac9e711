package dev.eddy.cli;

import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.uri.HostPort;
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
        HostPort hostPort;
        try {
            hostPort = HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(value, e.getMessage());
        }
        try {
            return new PeerAddress(InetAddress.getByName(hostPort.host()), hostPort.port());
        } catch (UnknownHostException e) {
            throw invalid(value, "cannot resolve the host " + hostPort.host());
        }
    }

    private static CommandLine.TypeConversionException invalid(String value, String why) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a peer address: " + why);
    }
}
