package dev.eddy.loop.examples;

/**
 * The echo server that answers each message reversed, in the streams form.
 * Usage: {@code ReverseServer [port]} (6789).
 */
public final class ReverseServer {
    private ReverseServer() {}

    public static void main(String[] args) {
        EchoServer.serve(args.length > 0 ? Integer.parseInt(args[0]) : 6789, ReverseServer::reversed);
    }

    /** {@code data} back to front. */
    static byte[] reversed(byte[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[data.length - 1 - i];
        }
        return out;
    }
}
