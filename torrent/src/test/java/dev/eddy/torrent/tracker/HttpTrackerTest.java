package dev.eddy.torrent.tracker;

import static dev.eddy.torrent.metainfo.Bencode.dict;
import static dev.eddy.torrent.metainfo.Bencode.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.peer.PeerAddress;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HttpTrackerTest {
    static final byte[] ONE_PEER = encode(dict("interval", 1800, "complete", 1, "incomplete", 0,
            "peers", new byte[] {127, 0, 0, 1, 0x1A, (byte) 0xE1}));
    static final List<PeerAddress> THE_PEER = List.of(new PeerAddress(InetAddress.ofLiteral("127.0.0.1"), 6881));

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static HttpTracker tracker(ScriptedHttpServer server) {
        return new HttpTracker(server.uri("/announce"), TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofSeconds(5)));
    }

    @Test
    void announcesWithAGetAndReadsTheReply() {
        EventLoop.run(() -> {
            try (var server = ScriptedHttpServer.start(ScriptedHttpServer.ok(ONE_PEER))) {
                AnnounceResponse reply = tracker(server).announce(Requests.started());
                assertEquals(THE_PEER, reply.peers());
                assertEquals(1, reply.seeders());
                String target = server.targets().getFirst();
                assertTrue(target.startsWith("/announce?info_hash=%00%FF%20Aaz-._~%7F%80%C3%A9%E2%82%AC%01%02%AB&peer_id="),
                        target);
            }
        });
    }

    @Test
    void readsChunkedBodies() {
        EventLoop.run(() -> {
            try (var server = ScriptedHttpServer.start((target, reader, writer) -> {
                writer.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
                writer.write(ascii(Integer.toHexString(10) + ";ext=1\r\n"));
                writer.write(java.util.Arrays.copyOfRange(ONE_PEER, 0, 10));
                writer.write(ascii("\r\n" + Integer.toHexString(ONE_PEER.length - 10) + "\r\n"));
                writer.write(java.util.Arrays.copyOfRange(ONE_PEER, 10, ONE_PEER.length));
                writer.write(ascii("\r\n0\r\nX-Trailer: y\r\n\r\n"));
            })) {
                assertEquals(THE_PEER, tracker(server).announce(Requests.started()).peers());
            }
        });
    }

    @Test
    void readsBodiesEndedByTheConnectionAndGzippedBodies() {
        EventLoop.run(() -> {
            byte[] gzipped = gzip(ONE_PEER);
            try (var server = ScriptedHttpServer.start((target, reader, writer) -> {
                writer.write(ascii("HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n"));
                writer.write(gzipped);
            })) {
                assertEquals(THE_PEER, tracker(server).announce(Requests.started()).peers());
            }
        });
    }

    @Test
    void followsUpToThreeRedirects() {
        EventLoop.run(() -> {
            try (var target = ScriptedHttpServer.start(ScriptedHttpServer.ok(ONE_PEER));
                 var server = ScriptedHttpServer.start((path, reader, writer) -> {
                     String next = path.startsWith("/announce") ? "/r1" : path.startsWith("/r1") ? "/r2"
                             : target.uri("/final").toString();
                     writer.write(ascii("HTTP/1.1 302 Found\r\nLocation: " + next + "\r\nContent-Length: 0\r\n\r\n"));
                 })) {
                assertEquals(THE_PEER, tracker(server).announce(Requests.started()).peers());
                assertEquals(List.of("/final"), target.targets());

                var e = assertThrows(TrackerException.Unreachable.class,
                        () -> new HttpTracker(server.uri("/announce"),
                                TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofSeconds(5)).withMaxRedirects(2))
                                .announce(Requests.started()));
                assertTrue(e.getMessage().contains("more than 2 redirects"), e.getMessage());
            }
        });
    }

    @Test
    void statusCodesWithoutAFailureReasonAreTypedByWhoseFaultItIs() {
        EventLoop.run(() -> {
            try (var notFound = ScriptedHttpServer.start((t, r, w) -> w.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));
                 var down = ScriptedHttpServer.start((t, r, w) -> w.write(ascii("HTTP/1.1 503 Busy\r\nContent-Length: 3\r\n\r\nno!")));
                 var refused = ScriptedHttpServer.start((t, r, w) -> {
                     byte[] body = encode(dict("failure reason", "unregistered torrent"));
                     w.write(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: " + body.length + "\r\n\r\n"));
                     w.write(body);
                 })) {
                assertThrows(TrackerException.Rejected.class, () -> tracker(notFound).announce(Requests.started()));
                assertThrows(TrackerException.Unreachable.class, () -> tracker(down).announce(Requests.started()));
                var e = assertThrows(TrackerException.Rejected.class, () -> tracker(refused).announce(Requests.started()));
                assertTrue(e.getMessage().contains("unregistered torrent"), e.getMessage());
            }
        });
    }

    @Test
    void scrapesThroughTheScrapeUrl() {
        EventLoop.run(() -> {
            Map<String, Object> files = Map.of("abcdefghijklmnopqrst", dict("complete", 2, "downloaded", 5, "incomplete", 1));
            try (var server = ScriptedHttpServer.start(ScriptedHttpServer.ok(encode(dict("files", files))))) {
                var hash = new dev.eddy.torrent.metainfo.InfoHash(ascii("abcdefghijklmnopqrst"));
                assertEquals(Map.of(hash, new ScrapeStats(2, 5, 1)), tracker(server).scrape(List.of(hash)));
                assertEquals(List.of("/scrape?info_hash=abcdefghijklmnopqrst"), server.targets());
                var noScrape = new HttpTracker(server.uri("/tracker"), TrackerOptions.DEFAULTS);
                assertThrows(TrackerException.Rejected.class, () -> noScrape.scrape(List.of(hash)));
            }
        });
    }

    @Test
    void aRefusedConnectionIsUnreachable() {
        EventLoop.run(() -> {
            int port;
            try (var server = ScriptedHttpServer.start(ScriptedHttpServer.ok(ONE_PEER))) {
                port = server.port();
            }
            var tracker = new HttpTracker(java.net.URI.create("http://127.0.0.1:" + port + "/announce"), TrackerOptions.DEFAULTS);
            assertThrows(TrackerException.Unreachable.class, () -> tracker.announce(Requests.started()));
        });
    }

    static byte[] gzip(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }
}
