package dev.eddy.loop;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps weak track of a loop's tasks, to list the pending ones and to notice two mistakes after
 * the fact: a pending task that became garbage (nothing could ever wake it), and a failed task
 * whose exception nobody asked for.
 *
 * <p>Each tracked task has one {@link Entry}, a weak reference in an intrusive list, so tracking
 * costs no map node and never keeps a task alive. Confined to the loop thread; the garbage
 * collector talks to it only through the reference queue.
 */
final class TaskRegistry {
    /** A weak reference to a pending or failed task, linked into one of the two lists. */
    static final class Entry extends WeakReference<Task<?>> {
        final String taskName;
        final StackTraceElement[] createdAt;
        Throwable failure;
        Entry previous;
        Entry next;
        boolean linked;

        /** A list head, referring to nothing. */
        Entry() {
            super(null);
            this.taskName = null;
            this.createdAt = null;
        }

        Entry(Task<?> task, ReferenceQueue<Task<?>> queue) {
            super(task, queue);
            this.taskName = task.name();
            this.createdAt = task.createdAt;
        }
    }

    private final ReferenceQueue<Task<?>> collected = new ReferenceQueue<>();
    private final Entry pending = sentinel();
    private final Entry failed = sentinel();
    private int pendingCount;

    private static Entry sentinel() {
        Entry head = new Entry();
        head.previous = head;
        head.next = head;
        return head;
    }

    /** Starts tracking a new, pending task. */
    void started(Task<?> task) {
        Entry entry = new Entry(task, collected);
        task.registryEntry = entry;
        link(pending, entry);
        pendingCount++;
    }

    /** The task is done; a failed one stays tracked until its exception is retrieved. */
    void finished(Task<?> task, Throwable failure) {
        Entry entry = task.registryEntry;
        if (entry == null) {
            return;
        }
        unlink(entry);
        pendingCount--;
        if (failure == null) {
            forget(task, entry);
        } else {
            entry.failure = failure;
            link(failed, entry);
        }
    }

    /** Someone looked at the task's exception: nothing to report about it any more. */
    void retrieved(Task<?> task) {
        Entry entry = task.registryEntry;
        if (entry != null && entry.failure != null) {
            unlink(entry);
            forget(task, entry);
        }
    }

    int pendingCount() {
        return pendingCount;
    }

    /** The pending tasks that are still reachable. */
    List<Task<?>> pendingTasks() {
        List<Task<?>> tasks = new ArrayList<>(pendingCount);
        for (Entry e = pending.next; e != pending; e = e.next) {
            Task<?> task = e.get();
            if (task != null) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** Reports the tracked tasks that the garbage collector has queued since the last call. Cheap. */
    void reportCollected(Consumer<LoopDiagnostic> report) {
        Reference<? extends Task<?>> ref;
        while ((ref = collected.poll()) != null) {
            if (ref instanceof Entry entry && entry.linked) {
                reportAndUnlink(entry, report);
            }
        }
    }

    /**
     * Reports every tracked task already collected, queued or not: when the loop closes, so that a
     * test that dropped a task and ran the garbage collector sees the report deterministically.
     */
    void reportAllCollected(Consumer<LoopDiagnostic> report) {
        reportCollected(report);
        for (Entry list : new Entry[] {pending, failed}) {
            for (Entry e = list.next; e != list; ) {
                Entry next = e.next;
                if (e.refersTo(null)) {
                    reportAndUnlink(e, report);
                }
                e = next;
            }
        }
    }

    private void reportAndUnlink(Entry entry, Consumer<LoopDiagnostic> report) {
        boolean wasPending = entry.failure == null;
        unlink(entry);
        if (wasPending) {
            pendingCount--;
            report.accept(new LoopDiagnostic.PendingTaskDropped(entry.taskName, entry.createdAt));
        } else {
            report.accept(new LoopDiagnostic.TaskExceptionNeverRetrieved(entry.taskName, entry.failure, entry.createdAt));
        }
    }

    private static void forget(Task<?> task, Entry entry) {
        task.registryEntry = null;
        entry.failure = null;
        entry.clear();
    }

    private static void link(Entry head, Entry entry) {
        entry.previous = head.previous;
        entry.next = head;
        head.previous.next = entry;
        head.previous = entry;
        entry.linked = true;
    }

    private static void unlink(Entry entry) {
        if (!entry.linked) {
            return;
        }
        entry.previous.next = entry.next;
        entry.next.previous = entry.previous;
        entry.previous = null;
        entry.next = null;
        entry.linked = false;
    }
}
