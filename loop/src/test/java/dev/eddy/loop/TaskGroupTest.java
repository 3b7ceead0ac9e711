package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskGroupTest extends VirtualTimeTest {
    @Test
    void waitsForEveryChild() {
        List<String> finished = new ArrayList<>();
        Task<String> task = loop.createTask(() -> TaskGroup.run(group -> {
            for (int i = 1; i <= 3; i++) {
                int n = i;
                group.createTask("child-" + n, () -> {
                    Async.sleep(Duration.ofMillis(10L * n));
                    finished.add("child-" + n);
                });
            }
            return "body done at " + millis();
        }));
        assertEquals("body done at 0", loop.runUntilComplete(task));
        assertEquals(List.of("child-1", "child-2", "child-3"), finished);
        assertEquals(30, millis());
    }

    @Test
    void aFailingChildCancelsItsSiblingsAndTheBody() {
        IllegalStateException failure = new IllegalStateException("child failed");
        List<String> events = new ArrayList<>();
        Task<Object> task = loop.createTask(() -> TaskGroup.run(group -> {
            group.createTask("sibling", () -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    events.add("sibling cancelled at " + millis());
                }
            });
            group.createTask("failing", () -> {
                Async.sleep(Duration.ofMillis(20));
                throw failure;
            });
            try {
                Async.sleep(Duration.ofHours(1));
            } finally {
                events.add("body cancelled at " + millis());
            }
            return null;
        }));
        TaskGroupException e = assertThrows(TaskGroupException.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of(failure), e.exceptions());
        assertSame(failure, e.getCause());
        assertTrue(events.containsAll(List.of("sibling cancelled at 20", "body cancelled at 20")), events.toString());
        assertEquals(0, task.cancelling(), "the group took back the cancel it sent the body");
    }

    @Test
    void allFailuresAreCollected() {
        Task<Object> task = loop.createTask(() -> TaskGroup.run(group -> {
            group.createTask("a", () -> {
                throw new IllegalStateException("a");
            });
            group.createTask("b", () -> {
                throw new IllegalArgumentException("b");
            });
            return null;
        }));
        TaskGroupException e = assertThrows(TaskGroupException.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("a", "b"), e.exceptions().stream().map(Throwable::getMessage).toList());
        assertEquals(2, e.getSuppressed().length);
    }

    @Test
    void aFailingBodyCancelsTheChildren() {
        AtomicReference<Task<Void>> child = new AtomicReference<>();
        Task<Object> task = loop.createTask(() -> TaskGroup.run(group -> {
            child.set(group.createTask("child", () -> {
                Async.sleep(Duration.ofHours(1));
            }));
            Async.sleep(Duration.ofMillis(5));
            throw new IllegalStateException("body failed");
        }));
        TaskGroupException e = assertThrows(TaskGroupException.class, () -> loop.runUntilComplete(task));
        assertEquals("body failed", e.exceptions().getFirst().getMessage());
        assertTrue(child.get().cancelled());
    }

    @Test
    void cancellingTheParentCancelsTheChildrenAndPropagates() {
        List<String> events = new ArrayList<>();
        Task<Object> task = loop.createTask(() -> TaskGroup.run(group -> {
            group.createTask("child", () -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    events.add("child cancelled at " + millis());
                }
            });
            return null; // the body is done; the group waits for the child
        }));
        loop.callLater(Duration.ofSeconds(1), task::cancel);
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("child cancelled at 1000"), events);
    }

    @Test
    void aChildCancelledOnItsOwnIsNotAFailure() {
        Task<String> task = loop.createTask(() -> TaskGroup.run(group -> {
            Task<Void> child = group.createTask("child", () -> {
                Async.sleep(Duration.ofHours(1));
            });
            group.createTask("other", () -> {
                Async.sleep(Duration.ofMillis(10));
                return "ok";
            });
            child.cancel();
            return "fine";
        }));
        assertEquals("fine", loop.runUntilComplete(task));
    }

    @Test
    void aFinishedGroupTakesNoNewTasks() {
        AtomicReference<TaskGroup> escaped = new AtomicReference<>();
        loop.runUntilComplete(loop.createTask(() -> TaskGroup.run(group -> {
            escaped.set(group);
            return null;
        })));
        assertThrows(IllegalStateException.class, () -> escaped.get().createTask("late", () -> 1));
    }
}
