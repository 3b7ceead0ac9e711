package dev.eddy.loop.examples;

/**
 * The reverse server in the low-level socket form. Usage: {@code SocketReverseServer [port]} (6789).
 */
public final class SocketReverseServer {
    private SocketReverseServer() {}

    public static void main(String[] args) {
        SocketEchoServer.serve(args.length > 0 ? Integer.parseInt(args[0]) : 6789, ReverseServer::reversed);
    }
}
