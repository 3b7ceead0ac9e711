package dev.eddy.loop.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@link ManyConnectionsTest}, run in a process of its own so that each side
 * has its own file-descriptor limit: opens N connections to a server, sends one byte on each and
 * reads the echo, reports on stdout, and holds them all open until its stdin closes.
 */
final class ManyClients {
    private ManyClients() {}

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(server, 30_000);
            socket.getOutputStream().write(i & 0x7f);
            sockets.add(socket);
        }
        for (int i = 0; i < count; i++) {
            if (sockets.get(i).getInputStream().read() != (i & 0x7f)) {
                System.out.println("wrong echo on connection " + i);
                return;
            }
        }
        System.out.println("connected " + count);
        System.out.flush();
        InputStream parent = System.in;
        while (parent.read() >= 0) {
            // hold the connections until the test lets go
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
