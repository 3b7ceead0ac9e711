package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.SocketOps;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.UnaryOperator;

/**
 * The echo server in the low-level socket form: plain NIO channels, with a task per client that
 * awaits {@code sockRecv} and {@code sockSendAll}. Usage: {@code SocketEchoServer [port]} (8888).
 */
public final class SocketEchoServer {
    private SocketEchoServer() {}

    public static void main(String[] args) {
        serve(args.length > 0 ? Integer.parseInt(args[0]) : 8888, UnaryOperator.identity());
    }

    /** Serves forever on 127.0.0.1:{@code port}, answering each chunk received with {@code reply} of it. */
    static void serve(int port, UnaryOperator<byte[]> reply) {
        EventLoop.run(() -> {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", port));
                listener.configureBlocking(false);
                System.out.println("serving on " + listener.getLocalAddress());
                while (true) {
                    SocketChannel client = SocketOps.sockAccept(listener).await();
                    EventLoop.current().createTask(() -> answer(client, reply));
                }
            }
        });
    }

    private static void answer(SocketChannel client, UnaryOperator<byte[]> reply) throws Exception {
        try (client) {
            System.out.println("connection from " + client.getRemoteAddress());
            ByteBuffer data;
            while ((data = SocketOps.sockRecv(client, 1024).await()).hasRemaining()) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                SocketOps.sockSendAll(client, ByteBuffer.wrap(reply.apply(bytes))).await();
            }
        }
    }
}
