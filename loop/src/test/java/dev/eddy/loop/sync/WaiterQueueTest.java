package dev.eddy.loop.sync;

import static dev.eddy.loop.sync.VirtualLoop.run;
import static dev.eddy.loop.sync.VirtualLoop.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaiterQueueTest {
    private final WaiterQueue waiters = new WaiterQueue();
    private final List<Integer> woken = new ArrayList<>();

    private List<Task<Void>> park(int count) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int id = i;
            tasks.add(EventLoop.current().createTask(() -> {
                waiters.park("test", () -> woken.add(-id));
                woken.add(id);
            }));
        }
        return tasks;
    }

    @Test
    void cancelledWaitersLeaveFromAnywhereInTheList() {
        run(() -> {
            List<Task<Void>> tasks = park(5);
            settle();
            assertEquals(5, waiters.size());
            tasks.get(0).cancel();
            tasks.get(2).cancel();
            tasks.get(4).cancel();
            assertEquals(2, waiters.size(), "a waiter leaves the moment its task is cancelled");
            waiters.wakeAll();
            settle();
            assertTrue(waiters.isEmpty());
        });
        assertEquals(List.of(1, 3), woken);
    }

    @Test
    void aTaskCancelledAfterItWasWokenRunsThePassOn() {
        run(() -> {
            List<Task<Void>> tasks = park(1);
            settle();
            assertTrue(waiters.wakeFirst());
            tasks.get(0).cancel();
            settle();
            assertTrue(tasks.get(0).cancelled());
            assertFalse(waiters.wakeFirst());
        });
        assertEquals(List.of(0), woken.stream().map(Math::abs).toList());
        assertTrue(woken.get(0) <= 0, "the pass-on ran instead of the normal return");
    }

    @Test
    void cancellingTwentyThousandWaitersInRandomOrderEmptiesTheList() {
        run(() -> {
            List<Task<Void>> tasks = park(20_000);
            settle();
            Collections.shuffle(tasks, new Random(42));
            tasks.forEach(Task::cancel);
            assertTrue(waiters.isEmpty());
            assertEquals(0, waiters.size());
            settle();
        });
        assertTrue(woken.isEmpty());
    }
}
