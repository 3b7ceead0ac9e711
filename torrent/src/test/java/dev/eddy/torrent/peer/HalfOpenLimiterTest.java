package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.VirtualClock;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.Streams;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HalfOpenLimiterTest {

    @Test
    void waitersGetSlotsInTurn() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(() -> {
                HalfOpenLimiter limiter = new HalfOpenLimiter(2);
                assertTrue(limiter.tryAcquire());
                assertTrue(limiter.tryAcquire());
                assertFalse(limiter.tryAcquire());
                Task<Void> waiting = loop.createTask(() -> limiter.acquire());
                Async.sleep(Duration.ZERO);
                assertFalse(waiting.done());
                limiter.release();
                waiting.await();
                assertEquals(2, limiter.inFlight());
                limiter.release();
                limiter.release();
                assertThrows(IllegalStateException.class, limiter::release);
                return null;
            });
        }
    }

    @Test
    void aDialHoldsItsSlotOnlyUntilTheTcpConnectSettles() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(() -> {
                Server server = Streams.startServer("127.0.0.1", 0, (reader, writer) -> reader.read(1));
                HalfOpenLimiter limiter = new HalfOpenLimiter(1);
                PeerTorrent torrent = new PeerTorrent(InfoHash.fromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                        PeerId.generate(), 1, new RecordingHandler(loop));
                PeerAddress address = new PeerAddress(InetAddress.getByName("127.0.0.1"), server.port());
                PeerConnection first = limiter.connect(loop, address, torrent, PeerOptions.DEFAULTS);
                assertEquals(1, limiter.inFlight());
                assertTrue(first.connected().await());
                Async.sleep(Duration.ZERO); // the release rides on a done callback
                assertEquals(0, limiter.inFlight());
                first.close();
                server.close();
                return null;
            });
        }
    }
}
