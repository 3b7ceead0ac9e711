package dev.eddy.loop;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The eventual result of an operation on an {@link EventLoop}: pending, then done with a result,
 * done with an exception, or cancelled.
 *
 * <p>Not thread-safe: a future belongs to its loop and is used on the loop's thread. Done callbacks
 * are always scheduled with {@link EventLoop#callSoon}, never run inline, so code that completes a
 * future never finds itself re-entered by a callback.
 *
 * @param <T> the type of the result
 */
public class Future<T> {
    private enum State { PENDING, FINISHED, CANCELLED }

    final EventLoop loop;
    private State state = State.PENDING;
    private T result;
    private Throwable exception;
    private String cancelMessage;
    /** {@code null}, one callback, or an {@code ArrayList} of them; a {@link Task} here is an awaiting task. */
    private Object callbacks;

    /** A pending future on {@code loop}. */
    public Future(EventLoop loop) {
        this.loop = loop;
    }

    /** The loop this future belongs to. */
    public final EventLoop loop() {
        return loop;
    }

    /** Whether the future is done: it has a result or an exception, or was cancelled. */
    public final boolean done() {
        return state != State.PENDING;
    }

    /** Whether the future was cancelled. */
    public final boolean cancelled() {
        return state == State.CANCELLED;
    }

    /**
     * The result.
     *
     * @throws InvalidStateException if the future is still pending
     * @throws CancelledException if it was cancelled
     * @throws RuntimeException the exception it failed with, rethrown as it was (checked ones included)
     */
    public T result() {
        return switch (state) {
            case PENDING -> throw new InvalidStateException("Result is not ready: " + this + " is still pending");
            case CANCELLED -> throw new CancelledException(cancelMessage);
            case FINISHED -> {
                if (exception != null) {
                    exceptionRetrieved();
                    throw Sneaky.rethrow(exception);
                }
                yield result;
            }
        };
    }

    /**
     * The exception the future failed with, or {@code null} if it has a result.
     *
     * @throws InvalidStateException if the future is still pending
     * @throws CancelledException if it was cancelled
     */
    public Throwable exception() {
        return switch (state) {
            case PENDING -> throw new InvalidStateException("Exception is not set: " + this + " is still pending");
            case CANCELLED -> throw new CancelledException(cancelMessage);
            case FINISHED -> {
                exceptionRetrieved();
                yield exception;
            }
        };
    }

    /**
     * Suspends the current {@link Task} until this future is done, then returns its result or throws
     * its exception, exactly as {@link #result()} would. A future that is already done returns at
     * once, without a trip through the loop.
     *
     * <p>If the awaiting task is cancelled meanwhile, this throws {@link CancelledException}; the
     * cancellation also cancels this future, as in asyncio (see {@link Async#shield} to prevent that).
     *
     * @throws IllegalStateException if called outside a task: a plain thread cannot be suspended,
     *     so use {@link EventLoop#runUntilComplete} there instead
     */
    public final T await() {
        if (state == State.PENDING) {
            Task.suspendCurrentOn(this);
        }
        return result();
    }

    /**
     * Marks the future done with {@code value} and schedules its callbacks.
     *
     * @throws InvalidStateException if it is already done
     */
    public void setResult(T value) {
        checkPending("setResult");
        complete(State.FINISHED, value, null, null);
    }

    /**
     * Marks the future failed with {@code failure} and schedules its callbacks.
     *
     * @throws InvalidStateException if it is already done
     * @throws IllegalArgumentException for a {@link CancelledException}: use {@link #cancel()} instead
     */
    public void setException(Throwable failure) {
        checkPending("setException");
        if (failure instanceof CancelledException) {
            throw new IllegalArgumentException("a future is cancelled with cancel(), not failed with a CancelledException");
        }
        complete(State.FINISHED, null, java.util.Objects.requireNonNull(failure, "failure"), null);
    }

    /** Cancels the future with no message; see {@link #cancel(String)}. */
    public final boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks.
     *
     * @param message why, carried by the {@link CancelledException} that awaiters see; may be null
     * @return {@code false} if it was already done, {@code true} otherwise
     */
    public boolean cancel(String message) {
        if (state != State.PENDING) {
            return false;
        }
        complete(State.CANCELLED, null, null, message);
        return true;
    }

    /**
     * Adds a callback to run, through {@link EventLoop#callSoon}, once the future is done. If it is
     * done already, the callback is scheduled now.
     */
    public final void addDoneCallback(Consumer<? super Future<T>> callback) {
        addCallbackEntry(java.util.Objects.requireNonNull(callback, "callback"));
    }

    /**
     * Removes every registration of {@code callback}.
     *
     * @return how many were removed
     */
    public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
        return removeCallbackEntry(callback);
    }

    void addCallbackEntry(Object entry) {
        if (state != State.PENDING) {
            schedule(entry);
        } else if (callbacks == null) {
            callbacks = entry;
        } else if (callbacks instanceof CallbackList list) {
            list.add(entry);
        } else {
            CallbackList list = new CallbackList();
            list.add(callbacks);
            list.add(entry);
            callbacks = list;
        }
    }

    int removeCallbackEntry(Object entry) {
        if (callbacks == entry) {
            callbacks = null;
            return 1;
        }
        if (callbacks instanceof CallbackList list) {
            int before = list.size();
            list.removeIf(e -> e == entry);
            return before - list.size();
        }
        return 0;
    }

    /**
     * Makes a done future pending again, for {@link Wakeup}, which reuses one future for every wait.
     * Only safe for a future nobody else holds: its callbacks already ran, and an earlier awaiter
     * that looked later would find it pending.
     */
    final void rearm() {
        state = State.PENDING;
        result = null;
        exception = null;
        cancelMessage = null;
    }

    /** Package-private completion for subclasses that refuse the public setters (tasks). */
    final void finish(T value, Throwable failure) {
        complete(State.FINISHED, value, failure, null);
    }

    final void finishCancelled(String message) {
        complete(State.CANCELLED, null, null, message);
    }

    /** Called when someone has looked at this future's exception; tasks stop tracking it then. */
    void exceptionRetrieved() {}

    private void complete(State newState, T value, Throwable failure, String message) {
        state = newState;
        result = value;
        exception = failure;
        cancelMessage = message;
        Object entries = callbacks;
        callbacks = null;
        if (entries instanceof CallbackList list) {
            for (Object entry : list) {
                schedule(entry);
            }
        } else if (entries != null) {
            schedule(entries);
        }
    }

    @SuppressWarnings("unchecked")
    private void schedule(Object entry) {
        if (entry instanceof Task<?> waiter) {
            loop.schedule(waiter.stepper);
        } else {
            Consumer<? super Future<T>> callback = (Consumer<? super Future<T>>) entry;
            loop.schedule(() -> callback.accept(this));
        }
    }

    private void checkPending(String operation) {
        if (state != State.PENDING) {
            throw new InvalidStateException(operation + " on " + this + ", which is already done");
        }
    }

    /** The message this future was cancelled with, if any. */
    final String cancelMessage() {
        return cancelMessage;
    }

    /** The state in a few words, for {@code toString}. */
    final String describeState() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FINISHED -> exception != null ? "exception=" + exception : "result=" + result;
        };
    }

    @Override
    public String toString() {
        return "Future[" + describeState() + "]";
    }

    /** A plain list; its own type so that a list can never be mistaken for a callback. */
    private static final class CallbackList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        CallbackList() {
            super(4);
        }
    }
}
