package dev.eddy.loop.sync;

import static dev.eddy.loop.sync.VirtualLoop.run;
import static dev.eddy.loop.sync.VirtualLoop.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest {
    private final List<String> log = new ArrayList<>();

    private Task<Void> getOne(Queue<String> queue, String name) {
        return EventLoop.current().createTask(name, () -> {
            log.add(name + " got " + queue.get());
        });
    }

    private Task<Void> putOne(Queue<String> queue, String item) {
        return EventLoop.current().createTask("put " + item, () -> {
            queue.put(item);
            log.add("put " + item);
        });
    }

    @Test
    void itemsComeOutInTheOrderTheyWentIn() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            for (String item : List.of("a", "b", "c")) {
                queue.put(item);
            }
            assertEquals(3, queue.size());
            assertEquals(List.of("a", "b", "c"), List.of(queue.get(), queue.get(), queue.getNowait()));
            assertTrue(queue.empty());
        });
    }

    @Test
    void anUnboundedQueueIsNeverFull() {
        Queue<Integer> queue = new Queue<>();
        for (int i = 0; i < 10_000; i++) {
            queue.putNowait(i);
        }
        assertEquals(0, queue.maxSize());
        assertFalse(queue.full());
        assertEquals(10_000, queue.size());
    }

    @Test
    void aBoundedQueueIsFullAtItsSizeAndThenPutWaits() {
        Queue<String> queue = new Queue<>(2);
        run(() -> {
            queue.put("a");
            queue.putNowait("b");
            assertTrue(queue.full());
            assertEquals(2, queue.maxSize());
            Task<Void> putter = putOne(queue, "c");
            settle();
            assertFalse(putter.done());
            assertEquals("a", queue.get());
            putter.await();
            assertEquals(List.of("b", "c"), List.of(queue.get(), queue.get()));
        });
    }

    @Test
    void nowaitOperationsThrowTypedErrors() {
        Queue<String> queue = new Queue<>(1);
        assertThrows(QueueEmptyException.class, queue::getNowait);
        queue.putNowait("a");
        assertThrows(QueueFullException.class, () -> queue.putNowait("b"));
        assertEquals("a", queue.getNowait());
    }

    @Test
    void nullItemsAndNonPositiveSizesAreRefused() {
        assertThrows(NullPointerException.class, () -> new Queue<String>().putNowait(null));
        assertThrows(IllegalArgumentException.class, () -> new Queue<String>(0));
    }

    @Test
    void waitingGettersAreServedInArrivalOrderAndNewcomersCannotBarge() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            Task<Void> first = getOne(queue, "first");
            Task<Void> second = getOne(queue, "second");
            settle();
            queue.putNowait("x");
            assertTrue(queue.empty(), "the item is promised to the first getter already");
            assertThrows(QueueEmptyException.class, queue::getNowait);
            queue.putNowait("y");
            first.await();
            second.await();
        });
        assertEquals(List.of("first got x", "second got y"), log);
    }

    @Test
    void waitingPuttersAreServedInArrivalOrderAndNewcomersCannotBarge() {
        Queue<String> queue = new Queue<>(1);
        run(() -> {
            queue.put("a");
            Task<Void> b = putOne(queue, "b");
            settle();
            Task<Void> c = putOne(queue, "c");
            settle();
            assertEquals("a", queue.get());
            assertTrue(queue.full(), "the freed slot is promised to the first putter already");
            assertThrows(QueueFullException.class, () -> queue.putNowait("barger"));
            b.await();
            assertEquals("b", queue.get());
            c.await();
            assertEquals("c", queue.get());
        });
        assertEquals(List.of("put b", "put c"), log);
    }

    @Test
    void aGetterCancelledWhileWaitingTakesNothing() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            Task<Void> cancelled = getOne(queue, "cancelled");
            Task<Void> next = getOne(queue, "next");
            settle();
            cancelled.cancel();
            settle();
            queue.putNowait("x");
            next.await();
            assertTrue(cancelled.cancelled());
        });
        assertEquals(List.of("next got x"), log);
    }

    @Test
    void anItemPromisedToAGetterCancelledInTheSameIterationGoesToTheNextGetter() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            Task<Void> unlucky = getOne(queue, "unlucky");
            Task<Void> next = getOne(queue, "next");
            settle();
            queue.putNowait("x");
            unlucky.cancel();
            next.await();
            assertTrue(unlucky.cancelled());
        });
        assertEquals(List.of("next got x"), log);
    }

    @Test
    void anItemPromisedToTheOnlyGetterWhichIsThenCancelledStaysInTheQueue() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            Task<Void> unlucky = getOne(queue, "unlucky");
            settle();
            queue.putNowait("x");
            unlucky.cancel();
            settle();
            assertTrue(unlucky.cancelled());
            assertFalse(queue.empty());
            assertEquals("x", queue.getNowait());
        });
    }

    @Test
    void aPutterCancelledWhileWaitingAddsNothing() {
        Queue<String> queue = new Queue<>(1);
        run(() -> {
            queue.put("a");
            Task<Void> cancelled = putOne(queue, "cancelled");
            settle();
            cancelled.cancel();
            settle();
            assertTrue(cancelled.cancelled());
            assertEquals("a", queue.get());
            assertTrue(queue.empty());
            assertFalse(queue.full());
        });
        assertTrue(log.isEmpty());
    }

    @Test
    void aSlotPromisedToAPutterCancelledInTheSameIterationGoesToTheNextPutter() {
        Queue<String> queue = new Queue<>(1);
        run(() -> {
            queue.put("a");
            Task<Void> unlucky = putOne(queue, "unlucky");
            Task<Void> next = putOne(queue, "next");
            settle();
            assertEquals("a", queue.get());
            unlucky.cancel();
            next.await();
            assertTrue(unlucky.cancelled());
            assertEquals("next", queue.getNowait());
            assertTrue(queue.empty());
        });
        assertEquals(List.of("put next"), log);
    }

    @Test
    void aSlotPromisedToTheOnlyPutterWhichIsThenCancelledIsFreeAgain() {
        Queue<String> queue = new Queue<>(1);
        run(() -> {
            queue.put("a");
            Task<Void> unlucky = putOne(queue, "unlucky");
            settle();
            assertEquals("a", queue.get());
            unlucky.cancel();
            settle();
            assertFalse(queue.full());
            queue.putNowait("b");
            assertEquals(1, queue.size());
        });
    }

    @Test
    void joinWaitsUntilEveryItemIsMarkedDone() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            queue.join(); // nothing put yet: returns at once
            queue.putNowait("a");
            queue.putNowait("b");
            Task<Void> joiner = EventLoop.current().createTask(queue::join);
            queue.getNowait();
            queue.getNowait();
            queue.taskDone();
            settle();
            assertFalse(joiner.done(), "one item is taken but not done yet");
            queue.taskDone();
            joiner.await();
            assertThrows(IllegalStateException.class, queue::taskDone);
        });
    }

    @Test
    void aProducerAndAConsumerThroughABoundedQueueMoveEveryItemInOrder() {
        Queue<Integer> queue = new Queue<>(3);
        List<Integer> received = new ArrayList<>();
        run(() -> {
            EventLoop loop = EventLoop.current();
            loop.createTask(() -> {
                for (int i = 0; i < 1000; i++) {
                    queue.put(i);
                }
            });
            Task<Void> consumer = loop.createTask(() -> {
                while (received.size() < 1000) {
                    received.add(queue.get());
                    queue.taskDone();
                }
            });
            consumer.await();
            queue.join();
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, received.get(i));
        }
    }

    @Test
    void aGetThatTimesOutInVirtualTimeLosesNoLaterItem() {
        Queue<String> queue = new Queue<>();
        run(() -> {
            assertThrows(TimeoutException.class, () -> Async.timeout(Duration.ofSeconds(1), queue::get));
            Task<Void> next = getOne(queue, "next");
            settle();
            queue.putNowait("x");
            next.await();
        });
        assertEquals(List.of("next got x"), log);
    }
}
