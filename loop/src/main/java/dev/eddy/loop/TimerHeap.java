package dev.eddy.loop;

import java.util.Arrays;

/**
 * A binary min-heap of timers by deadline, in which each timer knows its own index so that a
 * cancelled timer leaves in O(log n) rather than lingering until it comes due.
 */
final class TimerHeap {
    private TimerHandle[] heap = new TimerHandle[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    TimerHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerHandle timer) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    TimerHandle poll() {
        if (size == 0) {
            return null;
        }
        TimerHandle first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code timer} if it is in this heap. */
    void remove(TimerHandle timer) {
        int index = timer.heapIndex;
        if (index >= 0 && index < size && heap[index] == timer) {
            removeAt(index);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int index) {
        TimerHandle removed = heap[index];
        removed.heapIndex = -1;
        size--;
        if (index != size) {
            TimerHandle last = heap[size];
            heap[index] = last;
            last.heapIndex = index;
            siftDown(index);
            if (heap[index] == last) {
                siftUp(index);
            }
        }
        heap[size] = null;
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    private void siftUp(int index) {
        TimerHandle timer = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            TimerHandle above = heap[parent];
            if (!timer.dueBefore(above)) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }

    private void siftDown(int index) {
        TimerHandle timer = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && heap[right].dueBefore(heap[child])) {
                child = right;
            }
            if (!heap[child].dueBefore(timer)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }
}
