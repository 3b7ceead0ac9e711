package dev.eddy.torrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MagnetLinkTest {
    private static final String HEX = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
    // The same 20 bytes in RFC 4648 base32.
    private static final String BASE32 = "YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK";

    @Test
    void parsesEveryParameter() throws Exception {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=Some+File%20%C3%A9"
                + "&tr=http%3A%2F%2Ft1%2Fannounce&tr=udp://t2:80&x.pe=10.0.0.1:6881&x.pe=[::1]:51413"
                + "&ws=http://seed/x&xl=123");
        assertEquals(InfoHash.fromHex(HEX), link.infoHash());
        assertEquals(Optional.of("Some File é"), link.displayName());
        assertEquals(List.of("http://t1/announce", "udp://t2:80"), link.trackers());
        assertEquals(List.of(InetSocketAddress.createUnresolved("10.0.0.1", 6881),
                InetSocketAddress.createUnresolved("::1", 51413)), link.peers());
        assertEquals(List.of("http://seed/x"), link.webSeeds());
    }

    @Test
    void rawNonAsciiInAValueStandsForItself() throws Exception {
        assertEquals(Optional.of("Ünïcode 😀 name"),
                MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&dn=Ünïcode+😀%20name").displayName());
    }

    @Test
    void base32AndHexNameTheSameHash() throws Exception {
        assertEquals(MagnetLink.parse("magnet:?xt=urn:btih:" + HEX).infoHash(),
                MagnetLink.parse("MAGNET:?xt=urn:btih:" + BASE32.toLowerCase()).infoHash());
    }

    @Test
    void formatRoundTrips() throws Exception {
        MagnetLink link = new MagnetLink(InfoHash.fromHex(HEX), Optional.of("a & b = ü"),
                List.of("http://t/a?x=1&y=2", "udp://u:1"), List.of(InetSocketAddress.createUnresolved("::1", 9),
                        InetSocketAddress.createUnresolved("host", 10)), List.of("http://w/"));
        String text = link.format();
        assertTrue(text.startsWith("magnet:?xt=urn:btih:" + HEX + "&dn=a%20%26%20b%20%3D%20%C3%BC&tr=http://t/a%3Fx%3D1%26y%3D2"), text);
        assertEquals(link, MagnetLink.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://x|starts with \"magnet:?\"",
        "magnet:?dn=x|no xt=urn:btih:",
        "magnet:?xt=urn:btih:abc|neither 40 hex digits nor 32 base32",
        "magnet:?xt=urn:btih:zz2fe1c06bba254a9dc9f519b335aa7c1367a88a|not 40 hex digits",
        "magnet:?xt=urn:btih:YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKE1|neither 40 hex digits nor 32 base32",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&xt=urn:btih:0000000000000000000000000000000000000000|two different info hashes",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&dn=%zz|parameter dn has a bad percent escape",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&tr=http%3|parameter tr has a bad percent escape \"%3\"",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&dn=%C3|parameter dn has bytes that are not valid UTF-8",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&x.pe=host|x.pe \"host\" is not host:port: write it as HOST:PORT",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&x.pe=host:70000|not host:port: the port must be a number from 1 to 65535",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&x.pe=::1:80|not host:port: write an IPv6 address in brackets",
        "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&novalue|no name=value form",
    })
    void rejectsMalformedLinksClearly(String link, String message) {
        InvalidMagnetLinkException e = assertThrows(InvalidMagnetLinkException.class, () -> MagnetLink.parse(link));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
