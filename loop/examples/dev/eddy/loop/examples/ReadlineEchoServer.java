package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.TimeoutException;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A line echo server: answers each line, says goodbye to a client that is silent for 10 seconds
 * ({@code waitFor} on {@code readLine}), and hangs up after the line "BYE". Try it with
 * {@code nc 127.0.0.1 8888}. Usage: {@code ReadlineEchoServer [port]} (8888).
 */
public final class ReadlineEchoServer {
    private static final Duration IDLE = Duration.ofSeconds(10);

    private ReadlineEchoServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        EventLoop.run(() -> {
            Server server = Streams.startServer("127.0.0.1", port, (reader, writer) -> {
                while (true) {
                    byte[] line;
                    try {
                        line = Async.waitFor(EventLoop.current().createTask(reader::readLine), IDLE);
                    } catch (TimeoutException idle) {
                        writer.write("idle for " + IDLE.toSeconds() + " s, goodbye\n");
                        return;
                    }
                    if (line.length == 0) {
                        return; // the client hung up
                    }
                    writer.write(line);
                    writer.drain();
                    if (new String(line, StandardCharsets.UTF_8).strip().equals("BYE")) {
                        return;
                    }
                }
            });
            System.out.println("serving on " + server.address() + "; send BYE to quit");
            server.waitClosed().await();
        });
    }
}
