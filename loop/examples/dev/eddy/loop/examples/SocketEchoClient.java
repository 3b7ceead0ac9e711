package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.SocketOps;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The echo client in the low-level socket form: {@code sockConnect}, {@code sockSendAll}, then
 * {@code sockRecv} until the server closes. Usage: {@code SocketEchoClient [port] [message]}.
 */
public final class SocketEchoClient {
    private SocketEchoClient() {}

    public static void main(String[] args) {
        talk(args.length > 0 ? Integer.parseInt(args[0]) : 8888, args.length > 1 ? args[1] : "Hello World!");
    }

    /** Sends {@code message} to 127.0.0.1:{@code port} and prints the reply. */
    static void talk(int port, String message) {
        EventLoop.run(() -> {
            try (SocketChannel client = SocketChannel.open()) {
                client.configureBlocking(false);
                SocketOps.sockConnect(client, new InetSocketAddress("127.0.0.1", port)).await();
                System.out.println("sending: " + message);
                SocketOps.sockSendAll(client, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8))).await();
                client.shutdownOutput();
                StringBuilder reply = new StringBuilder();
                ByteBuffer data;
                while ((data = SocketOps.sockRecv(client, 1024).await()).hasRemaining()) {
                    reply.append(StandardCharsets.UTF_8.decode(data));
                }
                System.out.println("received: " + reply);
            }
        });
    }
}
