package dev.eddy.torrent.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @Test
    void readsIpv4NamesAndBracketedIpv6() {
        assertEquals(new HostPort("10.0.0.1", 6881), HostPort.parse("10.0.0.1:6881"));
        assertEquals(new HostPort("seedbox.lan", 51413), HostPort.parse("seedbox.lan:51413"));
        assertEquals(new HostPort("::1", 1), HostPort.parse("[::1]:1"));
        assertEquals(new HostPort("::ffff:10.0.0.1", 65535), HostPort.parse("[::ffff:10.0.0.1]:65535"));
    }

    @Test
    void printsWhatParseReadsBack() {
        for (HostPort hostPort : new HostPort[] {new HostPort("fd00::7", 80), new HostPort("example.org", 443),
                new HostPort("127.0.0.1", 6881)}) {
            assertEquals(hostPort, HostPort.parse(hostPort.toString()));
        }
        assertEquals("[fd00::7]:80", new HostPort("fd00::7", 80).toString());
    }

    @Test
    void staysUnresolved() {
        InetSocketAddress address = HostPort.parse("nowhere.invalid:9").toUnresolved();
        assertEquals(InetSocketAddress.createUnresolved("nowhere.invalid", 9), address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nowhere|write it as HOST:PORT",
        ":6881|write it as HOST:PORT",
        "''|write it as HOST:PORT",
        "::1:80|write an IPv6 address in brackets",
        "[::1:80|write an IPv6 address in brackets",
        "::1]:80|write an IPv6 address in brackets",
        "[]:80|write an IPv6 address in brackets",
        "[host]:80|write an IPv6 address in brackets",
        "[10.0.0.1]:80|write an IPv6 address in brackets",
        "[::1]|write an IPv6 address in brackets",
        "host:|the port must be a number from 1 to 65535",
        "host:0|the port must be a number from 1 to 65535",
        "host:65536|the port must be a number from 1 to 65535",
        "host:+80|the port must be a number from 1 to 65535",
        "host:http|the port must be a number from 1 to 65535",
        "host:0000080|the port must be a number from 1 to 65535",
    })
    void saysHowToWriteIt(String text, String reason) {
        var e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    @Test
    void checksItsParts() {
        assertThrows(IllegalArgumentException.class, () -> new HostPort("", 1));
        assertThrows(IllegalArgumentException.class, () -> new HostPort("h", 65536));
        assertThrows(IllegalArgumentException.class, () -> new HostPort("h", -1));
        assertEquals(0, new HostPort("h", 0).port(), "a reported port 0 is kept, only parse asks for a dialable one");
    }
}
