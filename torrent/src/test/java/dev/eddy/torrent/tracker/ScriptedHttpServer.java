package dev.eddy.torrent.tracker;

import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.ServerOptions;
import dev.eddy.loop.net.StreamHandler;
import dev.eddy.loop.net.StreamReader;
import dev.eddy.loop.net.StreamWriter;
import dev.eddy.loop.net.Streams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP server for tests that answers each request as its script says, including in
 * ways no honest tracker would. Start it inside a task.
 */
final class ScriptedHttpServer implements AutoCloseable {

    /** What the server does with one request. */
    @FunctionalInterface
    interface Script {
        /**
         * Answers the request for {@code target} (path and query) by writing to {@code writer};
         * {@code reader} is there to wait for the client to hang up.
         */
        void serve(String target, StreamReader reader, StreamWriter writer) throws Exception;
    }

    private final Server server;
    private final List<String> targets = new ArrayList<>();

    private final String scheme;

    private ScriptedHttpServer(Script script, SSLContext tls) {
        StreamHandler handler = (reader, writer) -> {
            String target = readRequest(reader);
            targets.add(target);
            script.serve(target, reader, writer);
            writer.drain();
        };
        server = tls == null ? Streams.startServer("127.0.0.1", 0, handler)
                : Streams.startTlsServer("127.0.0.1", 0, handler, tls, ServerOptions.DEFAULTS);
        scheme = tls == null ? "http" : "https";
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    static ScriptedHttpServer start(Script script) {
        return new ScriptedHttpServer(script, null);
    }

    /** Starts an HTTPS server on 127.0.0.1 and an ephemeral port, presenting {@code tls}'s certificate. */
    static ScriptedHttpServer startTls(Script script, SSLContext tls) {
        return new ScriptedHttpServer(script, tls);
    }

    /** A script that answers every request with a 200 and {@code body}, framed by Content-Length. */
    static Script ok(byte[] body) {
        return (target, reader, writer) -> {
            writer.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            writer.write(body);
        };
    }

    /** Waits until the client closes its end, so a script can stall for as long as the client waits. */
    static void holdUntilHangUp(StreamReader reader) {
        try {
            while (reader.read(4096).length > 0) {
                // discard
            }
        } catch (RuntimeException reset) {
            // the client aborted the connection: what we were waiting for
        }
    }

    /** {@code http://127.0.0.1:PORT} (or https) + {@code path}. */
    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + path);
    }

    int port() {
        return server.port();
    }

    /** The request targets (path and query) served so far, in order. */
    List<String> targets() {
        return targets;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String readRequest(StreamReader reader) {
        String requestLine = new String(reader.readLine(), StandardCharsets.ISO_8859_1).strip();
        while (!new String(reader.readLine(), StandardCharsets.ISO_8859_1).isBlank()) {
            // headers are not needed by the scripts
        }
        return requestLine.split(" ")[1];
    }
}
