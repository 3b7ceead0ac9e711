package dev.eddy.loop.sync;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A first-in, first-out queue between tasks on one loop, like asyncio's {@code Queue}: bounded or
 * unbounded, with suspending {@link #put} and {@link #get}, non-waiting {@link #putNowait} and
 * {@link #getNowait}, and {@link #join()}/{@link #taskDone()} to wait until every item put has
 * been processed.
 *
 * <pre>{@code
 * Queue<Message> outbox = new Queue<>(64);
 * loop.createTask(() -> { while (true) { send(outbox.get()); } });
 * outbox.put(message); // waits while 64 messages are queued
 * }</pre>
 *
 * <p>Fair in both directions: waiting getters are served in arrival order, and so are waiting
 * putters. An item that arrives while getters wait is promised to the first of them, and a slot
 * that frees up while putters wait is promised to the first of those, so a later
 * {@code getNowait} or {@code putNowait} cannot take it first. A waiting task that is cancelled
 * leaves the queue at once; one cancelled after an item or slot was promised to it passes the
 * promise on, so no item is lost and no slot leaks. A cancelled {@code put} never adds its item.
 *
 * <p>Items may not be {@code null}. A queue belongs to the loop of the first task that waits on
 * it and is used on that loop's thread only; it is not thread-safe.
 *
 * @param <T> the type of the items
 */
public final class Queue<T> {
    private final int maxSize;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final WaiterQueue getters = new WaiterQueue();
    private final WaiterQueue putters = new WaiterQueue();
    /** Items at the head of {@code items} promised to getters that were woken but have not run. */
    private int promisedItems;
    /** Free slots promised to putters that were woken but have not run. */
    private int promisedSlots;
    private int unfinished;
    private final Event finished = new Event();

    /** An unbounded queue: {@link #put} never waits. */
    public Queue() {
        this.maxSize = 0;
        finished.set();
    }

    /**
     * A queue that holds at most {@code maxSize} items; {@link #put} waits while it is full.
     *
     * @throws IllegalArgumentException if {@code maxSize} is not positive
     */
    public Queue(int maxSize) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("a bounded queue needs a positive size, not " + maxSize
                    + "; use new Queue<>() for an unbounded one");
        }
        this.maxSize = maxSize;
        finished.set();
    }

    /**
     * Adds {@code item}, suspending the current task while the queue is full.
     *
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting; the item is
     *     not added then
     * @throws IllegalStateException if the queue is full and the caller is not running in a task
     */
    public void put(T item) {
        Objects.requireNonNull(item, "item");
        if (!full()) {
            add(item);
            return;
        }
        putters.park("Queue.put", () -> {
            promisedSlots--;
            promiseSlots();
        });
        promisedSlots--;
        add(item);
    }

    /**
     * Adds {@code item} if there is a free slot.
     *
     * @throws QueueFullException if there is none
     */
    public void putNowait(T item) {
        Objects.requireNonNull(item, "item");
        if (full()) {
            throw new QueueFullException("putNowait() on a full queue of " + maxSize + " items");
        }
        add(item);
    }

    /**
     * Removes and returns the item at the head, suspending the current task while there is none.
     *
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting; no item is
     *     taken then
     * @throws IllegalStateException if the queue is empty and the caller is not running in a task
     */
    public T get() {
        if (!empty()) {
            return take();
        }
        getters.park("Queue.get", () -> {
            promisedItems--;
            promiseItems();
        });
        promisedItems--;
        return take();
    }

    /**
     * Removes and returns the item at the head if there is one.
     *
     * @throws QueueEmptyException if there is none
     */
    public T getNowait() {
        if (empty()) {
            throw new QueueEmptyException("getNowait() on an empty queue");
        }
        return take();
    }

    /**
     * Marks one item taken from the queue as processed. Each {@link #get} or {@link #getNowait}
     * should be matched by one call, once the consumer is done with the item.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        if (unfinished == 0) {
            throw new IllegalStateException("taskDone() called more times than items were put in the queue");
        }
        unfinished--;
        if (unfinished == 0) {
            finished.set();
        }
    }

    /**
     * Returns once every item put has been marked done with {@link #taskDone()}, suspending the
     * current task until then.
     *
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting
     */
    public void join() {
        finished.await();
    }

    /**
     * How many items the queue holds, including any promised to getters that were woken but have
     * not yet run.
     */
    public int size() {
        return items.size();
    }

    /** The most items the queue holds, or 0 if it is unbounded (as in asyncio). */
    public int maxSize() {
        return maxSize;
    }

    /** Whether a {@link #get} would have to wait: no item is there that is not promised already. */
    public boolean empty() {
        return items.size() <= promisedItems;
    }

    /** Whether a {@link #put} would have to wait: no slot is free that is not promised already. */
    public boolean full() {
        return maxSize > 0 && items.size() + promisedSlots >= maxSize;
    }

    private void add(T item) {
        items.addLast(item);
        unfinished++;
        finished.clear();
        promiseItems();
    }

    private T take() {
        T item = items.removeFirst();
        promiseSlots();
        return item;
    }

    private void promiseItems() {
        while (!empty() && getters.wakeFirst()) {
            promisedItems++;
        }
    }

    private void promiseSlots() {
        while (!full() && putters.wakeFirst()) {
            promisedSlots++;
        }
    }

    @Override
    public String toString() {
        return "Queue[size=" + items.size() + (maxSize > 0 ? "/" + maxSize : "") + ", getters=" + getters.size()
                + ", putters=" + putters.size() + ", unfinished=" + unfinished + "]";
    }
}
