package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PeerAddressConverterTest {
    private final PeerAddressConverter converter = new PeerAddressConverter();

    @Test
    void readsAddressesAndResolvesNames() {
        assertEquals(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 6881), converter.convert("127.0.0.1:6881"));
        assertEquals(new PeerAddress(InetAddress.ofLiteral("::1"), 51413), converter.convert("[::1]:51413"));
        PeerAddress named = converter.convert("localhost:9");
        assertTrue(named.address().isLoopbackAddress(), named.toString());
        assertEquals(9, named.port());
    }

    @Test
    void errorsAreOneLineNamingTheValue() {
        assertEquals("'nowhere' is not a peer address: write it as HOST:PORT, such as 127.0.0.1:6881",
                message("nowhere"));
        assertEquals("'::1:80' is not a peer address: write an IPv6 address in brackets, such as [::1]:6881",
                message("::1:80"));
        assertEquals("'127.0.0.1:0' is not a peer address: the port must be a number from 1 to 65535",
                message("127.0.0.1:0"));
    }

    private String message(String value) {
        return assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(value)).getMessage();
    }
}
