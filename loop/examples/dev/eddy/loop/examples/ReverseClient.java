package dev.eddy.loop.examples;

/**
 * The client for {@link ReverseServer}, in the streams form: it talks exactly like the echo client.
 * Usage: {@code ReverseClient [port] [message]} (6789, "Hello Server!").
 */
public final class ReverseClient {
    private ReverseClient() {}

    public static void main(String[] args) {
        EchoClient.talk(args.length > 0 ? Integer.parseInt(args[0]) : 6789, args.length > 1 ? args[1] : "Hello Server!");
    }
}
