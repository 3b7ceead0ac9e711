package dev.eddy.torrent.tracker.server;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Runs a test body in a task on a fresh loop with a tracker started on loopback, and closes both. */
public final class TrackerFixture {
    /** The body of a test: runs inside a task, with the started tracker. */
    @FunctionalInterface
    public interface Body {
        void run(EventLoop loop, TrackerServer tracker) throws Exception;
    }

    private TrackerFixture() {}

    /** Runs {@code body} on a real-time loop. */
    public static void run(TrackerServerOptions options, Body body) {
        run(new EventLoop(), options, body);
    }

    /** Runs {@code body} on a loop in virtual time: sleeps and timeouts take no real time. */
    public static void runVirtual(TrackerServerOptions options, Body body) {
        run(new EventLoop(new VirtualClock()), options, body);
    }

    private static void run(EventLoop loop, TrackerServerOptions options, Body body) {
        try (loop) {
            loop.runUntilComplete(loop.createTask("test", () -> {
                TrackerServer tracker = TrackerServer.start(loop, options).await();
                try {
                    body.run(loop, tracker);
                } finally {
                    tracker.close();
                }
            }));
        }
    }

    /** An info hash whose bytes all equal {@code fill}; over 0x7F they test byte-exact encoding. */
    public static InfoHash hash(int fill) {
        byte[] bytes = new byte[InfoHash.LENGTH];
        Arrays.fill(bytes, (byte) fill);
        return new InfoHash(bytes);
    }

    /** A peer id {@code -TS0001-} then {@code n} in twelve digits. */
    public static PeerId peerId(int n) {
        return new PeerId(String.format("-TS0001-%012d", n).getBytes(StandardCharsets.US_ASCII));
    }
}
