package dev.eddy.torrent.tracker;

import dev.eddy.loop.Async;
import dev.eddy.loop.TimeoutException;
import dev.eddy.loop.net.ConnectOptions;
import dev.eddy.loop.net.ConnectionException;
import dev.eddy.loop.net.IncompleteReadException;
import dev.eddy.loop.net.StreamConnection;
import dev.eddy.loop.net.StreamReader;
import dev.eddy.loop.net.TlsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The small HTTP/1.1 client trackers need: one GET per connection ({@code Connection: close}),
 * bodies framed by Content-Length, chunked encoding or the end of the connection, gzip bodies,
 * redirects, and a limit on every step and on every size. Runs in the calling task on the loop's
 * streams; every failure is a {@link TrackerException}.
 */
final class HttpGet {
    /** The longest status line plus headers accepted. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;

    /**
     * A reply.
     *
     * @param uri the URI that gave it, after redirects
     * @param status the HTTP status code
     * @param reason the status line's reason phrase
     * @param location the Location header of a redirect, or {@code null}
     * @param body the body, inflated if it came gzipped; empty for a redirect
     */
    record Reply(URI uri, int status, String reason, String location, byte[] body) {}

    private final TrackerOptions options;
    private final Connector connector;

    /** Opens the byte stream to a host: plain TCP for {@code http}, TLS for {@code https}. */
    @FunctionalInterface
    interface Connector {
        /** Connects to {@code uri}'s host and port, within the connect timeout in {@code options}. */
        StreamConnection open(URI uri, String host, int port, ConnectOptions options);
    }

    HttpGet(TrackerOptions options, Connector connector) {
        this.options = options;
        this.connector = connector;
    }

    /**
     * GETs {@code uri}, following up to {@link TrackerOptions#maxRedirects()} redirects, and returns
     * the final reply whatever its status.
     *
     * @param tracker how to name the tracker in errors
     * @throws TrackerException.Unreachable if a connection fails or a step times out
     * @throws TrackerException.Malformed if the reply breaks HTTP or a size limit
     */
    Reply fetch(String tracker, URI uri) {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Reply reply = fetchOnce(tracker, current);
            if (!isRedirect(reply.status)) {
                return reply;
            }
            if (reply.location == null) {
                throw new TrackerException.Malformed(tracker, "HTTP " + reply.status + " without a Location header", null);
            }
            if (redirects == options.maxRedirects()) {
                throw new TrackerException.Unreachable(tracker, "more than " + options.maxRedirects() + " redirects", null);
            }
            current = resolve(tracker, current, reply.location);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI resolve(String tracker, URI base, String location) {
        try {
            URI target = base.resolve(new URI(location.strip()));
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
                throw new TrackerException.Malformed(tracker, "a redirect to " + location + ", which is not an http(s) URL", null);
            }
            return target;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TrackerException.Malformed(tracker, "a redirect to an invalid URL: " + location, e);
        }
    }

    private Reply fetchOnce(String tracker, URI uri) {
        String host = hostOf(uri);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        StreamConnection connection;
        try {
            // The step's limit covers the TLS handshake too; the connect option alone would not.
            connection = step(tracker, "the connection was not made", options.connectTimeout(), () -> connector.open(uri, host, port,
                    ConnectOptions.DEFAULTS.withConnectTimeout(options.connectTimeout())));
        } catch (ConnectionException e) {
            throw new TrackerException.Unreachable(tracker, e.getMessage(), e);
        } catch (TlsException e) {
            throw new TrackerException.Unreachable(tracker, "TLS failed: " + e.getMessage(), e);
        }
        try {
            connection.writer().write(request(uri, host, port));
            Head head = step(tracker, "the reply's headers did not arrive", options.headTimeout(), () -> readHead(tracker, connection.reader()));
            if (isRedirect(head.status)) {
                return new Reply(uri, head.status, head.reason, head.headers.get("location"), new byte[0]);
            }
            byte[] body = step(tracker, "the reply's body did not arrive", options.bodyTimeout(), () -> readBody(tracker, connection.reader(), head));
            if ("gzip".equalsIgnoreCase(head.headers.getOrDefault("content-encoding", "").strip())) {
                body = gunzip(tracker, body);
            }
            return new Reply(uri, head.status, head.reason, null, body);
        } catch (ConnectionException | TlsException e) {
            throw new TrackerException.Unreachable(tracker, "the connection broke: " + e.getMessage(), e);
        } catch (IncompleteReadException e) {
            throw new TrackerException.Malformed(tracker, "the connection closed in the middle of the reply", e);
        } finally {
            connection.writer().transport().abort();
        }
    }

    /** Runs one step of a request within {@code limit}; past it, the tracker is unreachable because {@code failure}. */
    private static <T> T step(String tracker, String failure, Duration limit, dev.eddy.loop.Coroutine<T> body) {
        try {
            return Async.timeout(limit, body);
        } catch (TimeoutException e) {
            throw new TrackerException.Unreachable(tracker, failure + " within " + limit.toMillis() + " ms", e);
        }
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static byte[] request(URI uri, String host, int port) {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = uri.getPort() == -1;
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        String text = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: Eddy/0.1\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "Connection: close\r\n\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A reply's status line and headers, names in lower case. */
    private record Head(int status, String reason, Map<String, String> headers) {}

    private static Head readHead(String tracker, StreamReader reader) {
        int total = 0;
        String statusLine = null;
        Map<String, String> headers = new HashMap<>();
        while (true) {
            byte[] raw = readLine(tracker, reader);
            total += raw.length;
            if (total > MAX_HEAD_BYTES) {
                throw new TrackerException.Malformed(tracker, "the reply's headers exceed " + MAX_HEAD_BYTES + " bytes", null);
            }
            if (raw.length == 0 || raw[raw.length - 1] != '\n') {
                throw new TrackerException.Malformed(tracker, "the connection closed in the reply's headers", null);
            }
            String line = new String(raw, StandardCharsets.ISO_8859_1).strip();
            if (statusLine == null) {
                statusLine = line;
            } else if (line.isEmpty()) {
                break;
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new TrackerException.Malformed(tracker, "a header line without a name: " + abbreviate(line), null);
                }
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (first, second) -> first + ", " + second);
            }
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw new TrackerException.Malformed(tracker, "not an HTTP/1.x status line: " + abbreviate(statusLine), null);
        }
        return new Head(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "", headers);
    }

    private static byte[] readLine(String tracker, StreamReader reader) {
        try {
            byte[] line = reader.readLine();
            if (line.length > MAX_LINE_BYTES) {
                throw new TrackerException.Malformed(tracker, "a line of the reply exceeds " + MAX_LINE_BYTES + " bytes", null);
            }
            return line;
        } catch (dev.eddy.loop.net.LimitOverrunException e) {
            throw new TrackerException.Malformed(tracker, "a line of the reply exceeds " + reader.limit() + " bytes", e);
        }
    }

    private byte[] readBody(String tracker, StreamReader reader, Head head) {
        String transferEncoding = head.headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (transferEncoding.endsWith("chunked")) {
            return readChunked(tracker, reader);
        }
        String length = head.headers.get("content-length");
        if (length != null) {
            long declared = parseLength(tracker, length);
            if (declared > options.maxReplyBytes()) {
                throw tooLarge(tracker);
            }
            return reader.readExactly((int) declared);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] part = reader.read(64 * 1024);
            if (part.length == 0) {
                return body.toByteArray();
            }
            if (body.size() + part.length > options.maxReplyBytes()) {
                throw tooLarge(tracker);
            }
            body.writeBytes(part);
        }
    }

    private byte[] readChunked(String tracker, StreamReader reader) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = new String(readLine(tracker, reader), StandardCharsets.ISO_8859_1).strip();
            int extension = sizeLine.indexOf(';');
            String hex = extension >= 0 ? sizeLine.substring(0, extension).strip() : sizeLine;
            if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                throw new TrackerException.Malformed(tracker, "a chunk size that is not hex: " + abbreviate(sizeLine), null);
            }
            long size = Long.parseLong(hex, 16);
            if (body.size() + size > options.maxReplyBytes()) {
                throw tooLarge(tracker);
            }
            if (size == 0) {
                skipTrailers(tracker, reader);
                return body.toByteArray();
            }
            body.writeBytes(reader.readExactly((int) size));
            if (readLine(tracker, reader).length > 2) {
                throw new TrackerException.Malformed(tracker, "a chunk longer than its declared size", null);
            }
        }
    }

    private static void skipTrailers(String tracker, StreamReader reader) {
        int total = 0;
        while (true) {
            byte[] line = readLine(tracker, reader);
            total += line.length;
            if (line.length == 0 || total > MAX_HEAD_BYTES || new String(line, StandardCharsets.ISO_8859_1).isBlank()) {
                return;
            }
        }
    }

    private static long parseLength(String tracker, String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new TrackerException.Malformed(tracker, "a Content-Length that is not a number: " + abbreviate(value), null);
        }
        return Long.parseLong(value);
    }

    /**
     * Inflates in blocks and stops as soon as the output passes the cap, so a small "zip bomb"
     * never becomes a large array.
     */
    private byte[] gunzip(String tracker, byte[] compressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, options.maxReplyBytes()));
        byte[] block = new byte[8192];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            int n;
            while ((n = in.read(block)) > 0) {
                if (out.size() + n > options.maxReplyBytes()) {
                    throw tooLarge(tracker);
                }
                out.write(block, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new TrackerException.Malformed(tracker, "a gzip body that does not inflate: " + e.getMessage(), e);
        }
    }

    private TrackerException tooLarge(String tracker) {
        return new TrackerException.Malformed(tracker, "the reply is larger than " + options.maxReplyBytes() + " bytes", null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
