package dev.eddy.torrent.tracker;

import static dev.eddy.torrent.metainfo.Bencode.dict;
import static dev.eddy.torrent.metainfo.Bencode.encode;
import static dev.eddy.torrent.tracker.HttpTrackerTest.ONE_PEER;
import static dev.eddy.torrent.tracker.HttpTrackerTest.THE_PEER;
import static dev.eddy.torrent.tracker.HttpTrackerTest.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP trackers that misbehave: each fails with a typed error, quickly, and the next request works. */
class HostileHttpTrackerTest {
    private static final int CAP = 4096;
    private static final TrackerOptions OPTIONS =
            TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofMillis(300)).withMaxReplyBytes(CAP);

    /** Announces to a server running {@code script}, expects {@code error}, then checks a good tracker still answers. */
    private static <E extends TrackerException> E fails(Class<E> error, ScriptedHttpServer.Script script) {
        return EventLoop.run(() -> {
            E thrown;
            try (var hostile = ScriptedHttpServer.start(script)) {
                thrown = assertThrows(error, () -> new HttpTracker(hostile.uri("/announce"), OPTIONS).announce(Requests.started()));
            }
            try (var good = ScriptedHttpServer.start(ScriptedHttpServer.ok(ONE_PEER))) {
                assertEquals(THE_PEER, new HttpTracker(good.uri("/announce"), OPTIONS).announce(Requests.started()).peers());
            }
            return thrown;
        });
    }

    private static void contains(Exception e, String text) {
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void anOversizedDeclaredLengthIsRefusedWithoutReading() {
        contains(fails(TrackerException.Malformed.class, (t, r, w) -> {
            w.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n"));
            ScriptedHttpServer.holdUntilHangUp(r);
        }), "larger than " + CAP);
    }

    @Test
    void anOversizedBodyWithoutLengthIsCutAtTheCap() {
        contains(fails(TrackerException.Malformed.class, (t, r, w) -> {
            w.write(ascii("HTTP/1.1 200 OK\r\n\r\n"));
            for (int i = 0; i < 64; i++) {
                w.write(new byte[1024]);
                w.drain();
            }
        }), "larger than " + CAP);
    }

    @Test
    void anOversizedChunkedBodyIsCutAtTheCap() {
        contains(fails(TrackerException.Malformed.class, (t, r, w) -> {
            w.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 0; i < 64; i++) {
                w.write(ascii("400\r\n"));
                w.write(new byte[1024]);
                w.write(ascii("\r\n"));
                w.drain();
            }
            ScriptedHttpServer.holdUntilHangUp(r);
        }), "larger than " + CAP);
    }

    @Test
    void aGzipBombIsCutAtTheCap() throws Exception {
        byte[] bomb = HttpTrackerTest.gzip(new byte[10 << 20]);
        contains(fails(TrackerException.Malformed.class, (t, r, w) -> {
            w.write(ascii("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n"));
            w.write(bomb);
        }), "larger than " + CAP);
    }

    @Test
    void aReplyThatNeverStartsTimesOut() {
        contains(fails(TrackerException.Unreachable.class, (t, r, w) -> ScriptedHttpServer.holdUntilHangUp(r)),
                "headers did not arrive within 300 ms");
    }

    @Test
    void aReplyThatNeverEndsTimesOut() {
        contains(fails(TrackerException.Unreachable.class, (t, r, w) -> {
            w.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nd8:interval"));
            ScriptedHttpServer.holdUntilHangUp(r);
        }), "body did not arrive within 300 ms");
    }

    @Test
    void endlessHeadersAreCut() {
        contains(fails(TrackerException.Malformed.class, (t, r, w) -> {
            w.write(ascii("HTTP/1.1 200 OK\r\n"));
            for (int i = 0; i < 2000; i++) {
                w.write(ascii("X-Filler: " + "y".repeat(20) + "\r\n"));
            }
            ScriptedHttpServer.holdUntilHangUp(r);
        }), "headers exceed");
    }

    @Test
    void somethingThatIsNotHttpIsMalformed() {
        fails(TrackerException.Malformed.class, (t, r, w) -> w.write(ascii("SSH-2.0-OpenSSH_9.6\r\n\r\n")));
    }

    @Test
    void aBodyCutShortIsMalformed() {
        fails(TrackerException.Malformed.class, (t, r, w) -> w.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nd5:")));
    }

    @Test
    void malformedBencodeIsMalformed() {
        fails(TrackerException.Malformed.class, ScriptedHttpServer.ok(ascii("d8:intervali1800e5:peers999:")));
    }

    @Test
    void aCompactListOfTheWrongLengthIsMalformed() {
        contains(fails(TrackerException.Malformed.class, ScriptedHttpServer.ok(encode(dict("interval", 60, "peers", new byte[13])))),
                "not a whole number of 6-byte entries");
        contains(fails(TrackerException.Malformed.class, ScriptedHttpServer.ok(encode(dict("interval", 60, "peers6", new byte[20])))),
                "18-byte entries");
    }

    @Test
    void portZeroAndPrivateAddressesAreAcceptedAsReported() {
        byte[] peers = {0, 0, 0, 0, 0, 0, 10, 1, 2, 3, 0, 0, (byte) 192, (byte) 168, 1, 1, 0x1A, (byte) 0xE1,
                (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255};
        EventLoop.run(() -> {
            try (var server = ScriptedHttpServer.start(ScriptedHttpServer.ok(encode(dict("interval", 60, "peers", peers))))) {
                List<PeerAddress> got = new HttpTracker(server.uri("/announce"), OPTIONS).announce(Requests.started()).peers();
                assertEquals(4, got.size());
                assertEquals(new PeerAddress(InetAddress.ofLiteral("10.1.2.3"), 0), got.get(1));
                assertEquals(List.of(false, false, true, true), got.stream().map(PeerAddress::isDialable).toList());
            }
        });
    }
}
