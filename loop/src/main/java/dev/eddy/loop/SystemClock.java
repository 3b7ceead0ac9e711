package dev.eddy.loop;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/** Wall-clock time: {@link System#nanoTime()} and a selector wait that really blocks. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private SystemClock() {}

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public int select(Selector selector, Consumer<SelectionKey> onReady, long timeoutNanos) throws IOException {
        if (timeoutNanos <= 0) {
            return selector.selectNow(onReady);
        }
        if (timeoutNanos == Long.MAX_VALUE) {
            return selector.select(onReady);
        }
        // Round up: waking a little late is harmless, waking early spins the loop once more for nothing.
        long millis = (timeoutNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
        return selector.select(onReady, millis);
    }
}
