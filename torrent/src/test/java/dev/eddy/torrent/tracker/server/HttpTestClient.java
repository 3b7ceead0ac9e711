package dev.eddy.torrent.tracker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEMap;
import dev.eddy.loop.net.IncompleteReadException;
import dev.eddy.loop.net.StreamConnection;
import dev.eddy.loop.net.Streams;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A bare HTTP/1.1 client on the loop's streams, for talking to the tracker byte by byte. Call inside a task. */
public final class HttpTestClient implements AutoCloseable {
    private final StreamConnection connection;

    private HttpTestClient(StreamConnection connection) {
        this.connection = connection;
    }

    /** Connects to the tracker's HTTP port on {@code host}. */
    public static HttpTestClient connect(String host, int port) {
        return new HttpTestClient(Streams.openConnection(host, port));
    }

    /** Connects to 127.0.0.1. */
    public static HttpTestClient connect(int port) {
        return connect("127.0.0.1", port);
    }

    /** Sends raw bytes. */
    public void send(String raw) {
        connection.writer().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        connection.writer().drain();
    }

    /** Sends {@code GET target} with keep-alive and reads the reply. */
    public Reply get(String target) {
        send("GET " + target + " HTTP/1.1\r\nHost: tracker\r\nUser-Agent: eddy-test\r\n\r\n");
        return read();
    }

    /** Reads one reply: its head, then as many body bytes as Content-Length says. */
    public Reply read() {
        String head = new String(connection.reader().readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = connection.reader().readExactly(Integer.parseInt(headers.get("content-length")));
        return new Reply(status, headers, body);
    }

    /** Whether the server closed the connection: the next read finds the end of the stream. */
    public boolean closedByServer() {
        try {
            return connection.reader().read(1).length == 0;
        } catch (IncompleteReadException | dev.eddy.loop.net.ConnectionException e) {
            return true;
        }
    }

    @Override
    public void close() {
        connection.writer().close();
    }

    /** One HTTP reply. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        /** The body as a bencoded dictionary. */
        public BEMap dictionary() {
            try (BEParser parser = new BEParser(body)) {
                return parser.readMap();
            }
        }

        /** The body's {@code failure reason}, failing the test if there is none. */
        public String failure() {
            Object reason = dictionary().getValue().get("failure reason");
            assertEquals(true, reason != null, () -> "expected a failure reason in " + text());
            return new String(((bt.bencoding.types.BEString) reason).getValue(), StandardCharsets.UTF_8);
        }

        /** The body as text, for messages. */
        public String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }
}
