package dev.eddy.torrent.tracker.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A reply to one HTTP request: a status and a bencoded body.
 *
 * @param status the status code
 * @param body the bencoded body
 * @param mustClose whether the connection has to close after it, whatever the client asked (the
 *     request could not be framed, so what follows it cannot be trusted)
 */
record HttpResponse(int status, byte[] body, boolean mustClose) {

    /** A {@code 200 OK} reply that keeps the connection as the client asked. */
    static HttpResponse ok(byte[] body) {
        return new HttpResponse(200, body, false);
    }

    /** An error reply whose body is a bencoded {@code failure reason}, closing the connection. */
    static HttpResponse error(int status, String reason) {
        return new HttpResponse(status, HttpReplies.failure(reason), true);
    }

    /** The status line, headers and body, ready to write. */
    ByteBuffer toBytes(boolean keepAlive) {
        String head = "HTTP/1.1 " + status + " " + reasonPhrase() + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n") // HTTP/1.0 needs it said
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
    }

    private String reasonPhrase() {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
