package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.Net;
import dev.eddy.loop.net.Protocol;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.ServerOptions;
import dev.eddy.loop.net.Transport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive "hello world" server at Protocol level, written for speed: it
 * answers every complete request head (up to the blank line) with one fixed response, and answers
 * pipelined requests with one write. It reads no body and parses nothing else: it exists to
 * measure the loop. Usage: {@code HttpHelloServer PORT} (on 127.0.0.1).
 */
public final class HttpHelloServer {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 13\r\n"
            + "\r\n"
            + "Hello, World!").getBytes(StandardCharsets.US_ASCII);
    /** Direct, so a write goes to the socket without the JDK copying it into a direct buffer first. */
    private static final ByteBuffer ONE_RESPONSE = ByteBuffer.allocateDirect(RESPONSE.length).put(RESPONSE).flip();

    private HttpHelloServer() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HttpHelloServer PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(
                    Net.createServer(loop, "127.0.0.1", port, HelloProtocol::new, ServerOptions.DEFAULTS.withBacklog(4096)));
            System.out.println("HttpHelloServer listening on " + server.address());
            loop.runForever();
        }
    }

    /** One connection: counts request heads by their terminating blank line and answers each. */
    static final class HelloProtocol implements Protocol {
        private Transport transport;
        /** How much of "\r\n\r\n" the bytes so far end with: 0 to 3. */
        private int matched;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            int state = matched;
            int requests = 0;
            for (int i = data.position(), end = data.limit(); i < end; i++) {
                byte b = data.get(i);
                if (b == '\r') {
                    state = state == 2 ? 3 : 1;
                } else if (b == '\n' && (state == 1 || state == 3)) {
                    if (state == 3) {
                        requests++;
                        state = 0;
                    } else {
                        state = 2;
                    }
                } else {
                    state = 0;
                }
            }
            matched = state;
            if (requests == 1) {
                transport.write(ONE_RESPONSE.duplicate());
            } else if (requests > 1) {
                ByteBuffer all = ByteBuffer.allocate(RESPONSE.length * requests);
                for (int r = 0; r < requests; r++) {
                    all.put(RESPONSE);
                }
                transport.write(all.flip());
            }
        }
    }
}
