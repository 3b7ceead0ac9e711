package dev.eddy.torrent.tracker;

import static dev.eddy.torrent.metainfo.Bencode.dict;
import static dev.eddy.torrent.metainfo.Bencode.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTrackerRepliesTest {
    private static final String T = "http://t/announce";

    private static PeerAddress peer(String ip, int port) {
        return new PeerAddress(InetAddress.ofLiteral(ip), port);
    }

    @Test
    void readsCompactPeersPeers6CountsIntervalsWarningAndTrackerId() {
        byte[] v4 = {10, 0, 0, 1, 0x1A, (byte) 0xE1, (byte) 192, (byte) 168, 0, 9, 0, 0};
        byte[] v6 = new byte[18];
        v6[15] = 1;
        v6[17] = 7;
        AnnounceResponse r = HttpTrackerReplies.announce(T, encode(dict("interval", 1800, "min interval", 60,
                "complete", 5, "incomplete", 7, "peers", v4, "peers6", v6, "warning message", "be nice",
                "tracker id", "abc")));
        assertEquals(Duration.ofSeconds(1800), r.interval());
        assertEquals(Duration.ofSeconds(60), r.minInterval());
        assertEquals(5, r.seeders());
        assertEquals(7, r.leechers());
        assertEquals(List.of(peer("10.0.0.1", 6881), peer("192.168.0.9", 0), peer("::1", 7)), r.peers());
        assertEquals("be nice", r.warning());
        assertEquals("abc", r.trackerId());
    }

    @Test
    void readsDictionaryPeersSkippingHostNamesAndBadPorts() {
        byte[] body = encode(dict("interval", 900, "peers", List.of(
                dict("ip", "1.2.3.4", "port", 6881, "peer id", "x".repeat(20)),
                dict("ip", "2001:db8::1", "port", 51413),
                dict("ip", "peer.example.com", "port", 1),
                dict("ip", "5.6.7.8", "port", 70000),
                dict("ip", "5.6.7.8"),
                "not a dictionary")));
        AnnounceResponse r = HttpTrackerReplies.announce(T, body);
        assertEquals(List.of(peer("1.2.3.4", 6881), peer("2001:db8::1", 51413)), r.peers());
        assertEquals(-1, r.seeders());
        assertNull(r.minInterval());
    }

    @Test
    void aMissingIntervalDefaultsAndHugeCountsAreClamped() {
        AnnounceResponse r = HttpTrackerReplies.announce(T, encode(dict("complete", 1L << 40, "incomplete", -5)));
        assertEquals(HttpTrackerReplies.DEFAULT_INTERVAL, r.interval());
        assertEquals(Integer.MAX_VALUE, r.seeders());
        assertEquals(-1, r.leechers());
        assertEquals(List.of(), r.peers());
    }

    @Test
    void aFailureReasonIsRejected() {
        var e = assertThrows(TrackerException.Rejected.class,
                () -> HttpTrackerReplies.announce(T, encode(dict("failure reason", "torrent not registered"))));
        assertTrue(e.getMessage().contains("torrent not registered"), e.getMessage());
    }

    @Test
    void malformedRepliesAreTypedErrors() {
        List<byte[]> bodies = List.of(
                "d8:intervali1800e5:peers".getBytes(StandardCharsets.US_ASCII),
                "<html>oops</html>".getBytes(StandardCharsets.US_ASCII),
                new byte[0],
                encode(List.of(1, 2)),
                encode(dict("interval", "soon")),
                encode(dict("interval", -1)),
                encode(dict("peers", new byte[7])),
                encode(dict("peers", new byte[12], "peers6", new byte[19])),
                encode(dict("peers", 5)),
                encode(dict("failure reason", 5)),
                "d5:peersl".repeat(40).getBytes(StandardCharsets.US_ASCII));
        for (byte[] body : bodies) {
            assertThrows(TrackerException.Malformed.class, () -> HttpTrackerReplies.announce(T, body),
                    new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void scrapeReadsTheFilesAskedAbout() {
        InfoHash ascii = new InfoHash("abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII));
        InfoHash binary = Requests.HASH;
        InfoHash unknown = InfoHash.fromHex("11".repeat(20));
        Map<String, Object> files = new java.util.TreeMap<>();
        files.put("abcdefghijklmnopqrst", dict("complete", 3, "downloaded", 10, "incomplete", 2));
        files.put(new String(binary.bytes(), StandardCharsets.UTF_8), dict("complete", 1));
        byte[] body = encode(dict("files", files));
        Map<InfoHash, ScrapeStats> stats = HttpTrackerReplies.scrape(T, body, List.of(ascii, binary, unknown));
        assertEquals(Map.of(ascii, new ScrapeStats(3, 10, 2), binary, new ScrapeStats(1, -1, -1)), stats);
    }
}
