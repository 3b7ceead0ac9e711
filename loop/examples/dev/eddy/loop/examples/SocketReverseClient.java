package dev.eddy.loop.examples;

/**
 * The reverse client in the low-level socket form. Usage: {@code SocketReverseClient [port] [message]}
 * (6789, "Hello Server!").
 */
public final class SocketReverseClient {
    private SocketReverseClient() {}

    public static void main(String[] args) {
        SocketEchoClient.talk(args.length > 0 ? Integer.parseInt(args[0]) : 6789,
                args.length > 1 ? args[1] : "Hello Server!");
    }
}
