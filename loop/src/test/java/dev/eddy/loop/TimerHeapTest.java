package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
    private final EventLoop loop = new EventLoop(new VirtualClock());
    private long sequence;

    private TimerHandle timer(long when) {
        return new TimerHandle(loop, when, sequence++, () -> {});
    }

    @Test
    void pollsInDeadlineOrderWithRandomRemovals() {
        Random random = new Random(42);
        TimerHeap heap = new TimerHeap();
        List<TimerHandle> kept = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            TimerHandle t = timer(random.nextInt(1_000));
            heap.add(t);
            if (random.nextInt(3) == 0) {
                heap.remove(t);
            } else {
                kept.add(t);
            }
        }
        kept.sort((a, b) -> a.dueBefore(b) ? -1 : 1);
        List<TimerHandle> polled = new ArrayList<>();
        TimerHandle next;
        while ((next = heap.poll()) != null) {
            polled.add(next);
        }
        assertEquals(kept, polled);
    }

    @Test
    void removingTwiceOrAfterPollingIsHarmless() {
        TimerHeap heap = new TimerHeap();
        TimerHandle a = timer(1);
        TimerHandle b = timer(2);
        heap.add(a);
        heap.add(b);
        heap.remove(a);
        heap.remove(a);
        assertEquals(b, heap.poll());
        heap.remove(b);
        assertNull(heap.poll());
        assertEquals(0, heap.size());
    }

    @Test
    void deadlinesCompareAcrossNanoTimeWraparound() {
        TimerHeap heap = new TimerHeap();
        List<TimerHandle> timers = new ArrayList<>();
        for (long offset = 0; offset < 5; offset++) {
            timers.add(timer(Long.MAX_VALUE - 2 + offset)); // the last ones wrap to negative values
        }
        List<TimerHandle> shuffled = new ArrayList<>(timers);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(heap::add);
        for (TimerHandle expected : timers) {
            assertEquals(expected, heap.poll());
        }
    }
}
