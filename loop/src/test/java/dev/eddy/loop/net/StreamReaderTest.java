package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamReaderTest {
    private final EventLoop loop = new EventLoop();
    private final Transport transport = mock(Transport.class);

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private StreamReader reader(int limit) {
        StreamReader reader = new StreamReader(loop, limit);
        reader.setTransport(transport);
        return reader;
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void readReturnsWhatHasArrivedAndEmptyAtEof() {
        StreamReader reader = reader(100);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.feedData(bytes("abc")));
            assertEquals("ab", text(reader.read(2)));
            assertEquals("c", text(reader.read(10)));
            loop.callSoon(reader::feedEof);
            assertEquals(0, reader.read(10).length);
            assertTrue(reader.atEof());
            return null;
        });
    }

    @Test
    void readExactlyWaitsForEnoughAndFailsAtEofWithThePartialBytes() {
        StreamReader reader = reader(100);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.feedData(bytes("12")));
            loop.callSoon(() -> reader.feedData(bytes("345")));
            assertEquals("1234", text(reader.readExactly(4)));
            loop.callSoon(reader::feedEof);
            IncompleteReadException incomplete = assertThrows(IncompleteReadException.class, () -> reader.readExactly(3));
            assertEquals("5", text(incomplete.partial()));
            assertEquals(3, incomplete.expected());
            assertTrue(reader.atEof());
            return null;
        });
    }

    @Test
    void readLineSplitsOnNewlinesAcrossChunksAndReturnsTheRestAtEof() {
        StreamReader reader = reader(100);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.feedData(bytes("one\ntw")));
            loop.callSoon(() -> reader.feedData(bytes("o\nthree")));
            loop.callSoon(reader::feedEof);
            assertEquals("one\n", text(reader.readLine()));
            assertEquals("two\n", text(reader.readLine()));
            assertEquals("three", text(reader.readLine()));
            assertEquals(0, reader.readLine().length);
            return null;
        });
    }

    @Test
    void readUntilFindsASeparatorSplitAcrossChunks() {
        StreamReader reader = reader(100);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.feedData(bytes("head\r")));
            loop.callSoon(() -> reader.feedData(bytes("\n\r")));
            loop.callSoon(() -> reader.feedData(bytes("\nbody")));
            assertEquals("head\r\n\r\n", text(reader.readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertEquals("body", text(reader.read(10)));
            return null;
        });
    }

    @Test
    void readUntilPastTheLimitFailsAndLeavesTheDataInPlace() {
        StreamReader reader = reader(8);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.feedData(bytes("0123456789")));
            LimitOverrunException overrun = assertThrows(LimitOverrunException.class, reader::readLine);
            assertEquals(10, overrun.buffered());
            assertEquals("0123456789", text(reader.readExactly(10)));
            return null;
        });
    }

    @Test
    void readUntilAtEofWithoutTheSeparatorIsIncomplete() {
        StreamReader reader = reader(100);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.feedData(bytes("no end")));
            loop.callSoon(reader::feedEof);
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> reader.readUntil(new byte[] {';'}));
            assertEquals("no end", text(e.partial()));
            return null;
        });
    }

    @Test
    void passingTheLimitPausesTheTransportAndReadingBelowItResumes() {
        StreamReader reader = reader(10);
        reader.feedData(bytes("0123456789"));
        verify(transport, never()).pauseReading();
        reader.feedData(bytes("x"));
        verify(transport).pauseReading();
        reader.feedData(bytes("y")); // already paused: not again
        verify(transport, times(1)).pauseReading();
        loop.runUntilComplete(() -> {
            reader.read(1);
            verify(transport, never()).resumeReading();
            reader.read(1);
            verify(transport).resumeReading();
            return null;
        });
    }

    @Test
    void aReadForMoreThanTheLimitResumesTheTransportWhileItWaits() {
        StreamReader reader = reader(4);
        reader.feedData(bytes("01234"));
        verify(transport).pauseReading();
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> {
                verify(transport).resumeReading();
                reader.feedData(bytes("56789"));
            });
            assertEquals("0123456789", text(reader.readExactly(10)));
            return null;
        });
    }

    @Test
    void aLostConnectionFailsTheWaitingRead() {
        StreamReader reader = reader(100);
        ConnectionResetException reset = new ConnectionResetException("reset", null);
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> reader.setException(reset));
            assertEquals(reset, assertThrows(ConnectionResetException.class, () -> reader.read(1)));
            assertEquals(reset, reader.exception());
            return null;
        });
    }

    @Test
    void twoTasksCannotWaitOnOneReader() {
        StreamReader reader = reader(100);
        loop.runUntilComplete(() -> {
            var first = loop.createTask(() -> reader.read(1));
            Async.sleep(Duration.ZERO);
            assertThrows(IllegalStateException.class, () -> reader.read(1));
            reader.feedData(bytes("z"));
            assertArrayEquals(new byte[] {'z'}, first.await());
            assertFalse(reader.atEof());
            return null;
        });
    }

    @Test
    void anEmptiedReaderDropsALargeBuffer() {
        StreamReader reader = reader(1 << 20);
        reader.feedData(ByteBuffer.allocate(100_000));
        assertTrue(reader.bufferCapacity() >= 100_000);
        loop.runUntilComplete(() -> reader.readExactly(100_000));
        assertEquals(0, reader.bufferCapacity(), "an idle reader holds no buffer");
    }
}
