package dev.eddy.bench;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.Net;
import dev.eddy.loop.net.Protocol;
import dev.eddy.loop.net.ServerOptions;
import dev.eddy.loop.net.Transport;
import java.nio.ByteBuffer;

/**
 * Eddy's echo server for bench/net.sh, at Protocol level like the Python and Netty comparators:
 * every byte received is written back. Usage: {@code EchoBenchServer PORT} (127.0.0.1).
 */
public final class EchoBenchServer {
    private EchoBenchServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        try (EventLoop loop = new EventLoop()) {
            loop.runUntilComplete(Net.createServer(loop, "127.0.0.1", port, Echo::new,
                    ServerOptions.DEFAULTS.withBacklog(4096)));
            System.out.println("listening");
            loop.runForever();
        }
    }

    /** Writes back each received buffer; the transport copies only what the socket does not take at once. */
    static final class Echo implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.writeCopy(data);
        }
    }
}
