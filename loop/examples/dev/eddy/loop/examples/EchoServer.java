package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.Streams;
import java.util.function.UnaryOperator;

/**
 * An echo server in the streams form: each connection is a task that reads what the client sends
 * and writes it back, until the client half-closes. Usage: {@code EchoServer [port]} (8888).
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) {
        serve(args.length > 0 ? Integer.parseInt(args[0]) : 8888, UnaryOperator.identity());
    }

    /** Serves forever on 127.0.0.1:{@code port}, answering each chunk read with {@code reply} of it. */
    static void serve(int port, UnaryOperator<byte[]> reply) {
        EventLoop.run(() -> {
            Server server = Streams.startServer("127.0.0.1", port, (reader, writer) -> {
                System.out.println("connection from " + writer.peerAddress());
                byte[] data;
                while ((data = reader.read(1024)).length > 0) {
                    writer.write(reply.apply(data));
                    writer.drain();
                }
                System.out.println("closed " + writer.peerAddress());
            });
            System.out.println("serving on " + server.address());
            server.waitClosed().await();
        });
    }
}
