package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.WaitMode;
import dev.eddy.loop.WaitResult;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.StreamConnection;
import dev.eddy.loop.net.StreamWriter;
import dev.eddy.loop.net.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one message to many connections at once and waits for every send with {@code Async.wait}.
 * Self-contained: it starts a listener on loopback with that many "friends" connected to it, each
 * of which prints the first message it gets. Usage: {@code Broadcast [message] [connections]}
 * ("Hello friends!", 100).
 */
public final class Broadcast {
    private Broadcast() {}

    public static void main(String[] args) {
        String message = args.length > 0 ? args[0] : "Hello friends!";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        EventLoop.run(() -> {
            int[] heard = {0};
            Server friends = Streams.startServer("127.0.0.1", 0, (reader, writer) -> {
                if (reader.readLine().length > 0) {
                    heard[0]++;
                }
            });
            List<StreamWriter> recipients = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StreamConnection connection = Streams.openConnection("127.0.0.1", friends.port());
                recipients.add(connection.writer());
            }
            EventLoop loop = EventLoop.current();
            List<Task<Void>> sends = new ArrayList<>();
            for (StreamWriter recipient : recipients) {
                sends.add(loop.createTask(() -> {
                    recipient.write(message + "\n");
                    recipient.drain();
                    recipient.close();
                    recipient.waitClosed();
                }));
            }
            WaitResult<Task<Void>> result = Async.wait(sends, WaitMode.ALL_COMPLETED, Duration.ofSeconds(10));
            friends.close();
            friends.waitClosed().await();
            System.out.println("sent to " + result.done().size() + " of " + count + " connections ("
                    + result.pending().size() + " still pending); " + heard[0] + " heard: " + message);
        });
    }
}
