package dev.eddy.torrent.tracker.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of an HTTP/1.x request head the tracker uses. Everything else in the head is read past
 * and ignored.
 *
 * @param method the method, such as {@code GET}
 * @param path the path of the target, without the query
 * @param query the raw query string after {@code ?}; empty if there is none
 * @param keepAlive whether the connection stays open after the reply (HTTP/1.1 unless
 *     {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 * @param hasBody whether a body follows ({@code Content-Length} other than 0, or a
 *     {@code Transfer-Encoding}); the tracker takes none
 */
record HttpRequestHead(String method, String path, String query, boolean keepAlive, boolean hasBody) {

    /**
     * Parses a head: the request line, then header lines, each ended by CRLF or a bare LF.
     *
     * @param head the bytes of the head, up to and including its blank line
     * @throws IllegalArgumentException saying what is wrong, for a head that is not HTTP/1.x
     */
    static HttpRequestHead parse(byte[] head, int offset, int length) {
        String[] lines = new String(head, offset, length, StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3 || request[0].isEmpty() || request[1].isEmpty()) {
            throw new IllegalArgumentException("a malformed request line");
        }
        boolean http11 = switch (request[2]) {
            case "HTTP/1.1" -> true;
            case "HTTP/1.0" -> false;
            default -> throw new IllegalArgumentException("not HTTP/1.0 or HTTP/1.1");
        };
        boolean keepAlive = http11;
        boolean hasBody = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.isEmpty()) {
                continue;
            }
            if (colon <= 0) {
                throw new IllegalArgumentException("a header line without a name and colon");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "connection" -> {
                    if (value.contains("close")) {
                        keepAlive = false;
                    } else if (value.contains("keep-alive")) {
                        keepAlive = true;
                    }
                }
                case "content-length" -> hasBody |= !value.equals("0");
                case "transfer-encoding" -> hasBody = true;
                default -> { }
            }
        }
        String target = stripAuthority(request[1]);
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        int fragment = query.indexOf('#');
        return new HttpRequestHead(request[0], path, fragment < 0 ? query : query.substring(0, fragment),
                keepAlive, hasBody);
    }

    /** An absolute-form target ({@code http://host/announce?…}, as sent to proxies) to its path. */
    private static String stripAuthority(String target) {
        int scheme = target.indexOf("://");
        if (target.startsWith("/") || scheme < 0) {
            return target;
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }
}
