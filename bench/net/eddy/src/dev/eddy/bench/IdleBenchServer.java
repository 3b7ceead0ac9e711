package dev.eddy.bench;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.ServerOptions;
import dev.eddy.loop.net.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Eddy's idle-connection server for bench/net.sh: {@link Streams#startServer} with one handler task
 * per connection, parked in {@code reader.read}. Usage: {@code IdleBenchServer PORT} (127.0.0.1).
 *
 * <p>Control on standard input, one command a line, answered on standard output: {@code heap}
 * runs a full GC and prints {@code heap USED_BYTES}. It runs on a thread of its own, never the
 * loop's, and touches no loop state, so measuring leaves the parked tasks alone.
 */
public final class IdleBenchServer {
    private IdleBenchServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Thread control = new Thread(IdleBenchServer::answerControl, "bench-control");
        control.setDaemon(true);
        control.start();
        EventLoop.run(() -> {
            Streams.startServer("127.0.0.1", port, (reader, writer) -> {
                while (reader.read(1024).length > 0) {
                    // only parked; the client never sends
                }
            }, ServerOptions.DEFAULTS.withBacklog(4096));
            System.out.println("listening");
            EventLoop.current().createFuture().await();
        });
    }

    private static void answerControl() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.strip().equals("heap")) {
                    System.gc();
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.println("heap " + used);
                }
            }
        } catch (IOException e) {
            System.err.println("control input failed: " + e);
        }
    }
}
