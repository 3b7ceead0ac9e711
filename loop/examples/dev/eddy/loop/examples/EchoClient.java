package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.StreamConnection;
import dev.eddy.loop.net.Streams;
import java.nio.charset.StandardCharsets;

/**
 * An echo client in the streams form: sends a message, half-closes, and prints every byte of the
 * reply. Usage: {@code EchoClient [port] [message]} (8888, "Hello World!").
 */
public final class EchoClient {
    private EchoClient() {}

    public static void main(String[] args) {
        talk(args.length > 0 ? Integer.parseInt(args[0]) : 8888, args.length > 1 ? args[1] : "Hello World!");
    }

    /** Sends {@code message} to 127.0.0.1:{@code port} and prints the reply. */
    static void talk(int port, String message) {
        EventLoop.run(() -> {
            StreamConnection connection = Streams.openConnection("127.0.0.1", port);
            System.out.println("sending: " + message);
            connection.writer().write(message);
            connection.writer().writeEof();
            StringBuilder reply = new StringBuilder();
            byte[] data;
            while ((data = connection.reader().read(1024)).length > 0) {
                reply.append(new String(data, StandardCharsets.UTF_8));
            }
            System.out.println("received: " + reply);
            connection.writer().close();
            connection.writer().waitClosed();
        });
    }
}
