package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.eddy.loop.net.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keeps the examples' own logic correct; the examples themselves run against real sockets by hand. */
class ExamplesTest {

    @Test
    void httpHelloAnswersEveryRequestHeadEvenWhenSplitOrPipelined() {
        Transport transport = mock(Transport.class);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        doAnswer(call -> {
            ByteBuffer data = call.getArgument(0);
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            sent.writeBytes(bytes);
            return null;
        }).when(transport).write(any(ByteBuffer.class));
        HttpHelloServer.HelloProtocol protocol = new HttpHelloServer.HelloProtocol();
        protocol.connectionMade(transport);
        String request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        protocol.dataReceived(ascii(request.substring(0, request.length() - 1)));
        assertEquals(0, sent.size(), "no answer before the blank line");
        protocol.dataReceived(ascii(request.substring(request.length() - 1) + request + request));
        String responses = sent.toString(StandardCharsets.US_ASCII);
        assertEquals(3, responses.split("Hello, World!", -1).length - 1);
        assertEquals(3, responses.split("HTTP/1.1 200 OK\r\n", -1).length - 1);
    }

    @Test
    void reverseReversesBytes() {
        assertArrayEquals("olleh".getBytes(StandardCharsets.US_ASCII),
                ReverseServer.reversed("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
