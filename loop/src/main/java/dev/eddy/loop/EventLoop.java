package dev.eddy.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A single-threaded event loop in the style of Python's asyncio: a queue of ready callbacks, a heap
 * of timers and one {@link Selector}.
 *
 * <p>Each iteration polls the selector (without waiting if anything is ready, otherwise until the
 * next timer), dispatches I/O readiness, moves due timers to the ready queue, then runs the
 * callbacks that were ready when the iteration began. Everything runs on the thread that called
 * {@link #runForever()}; the only way in from another thread is {@link #callSoonThreadsafe}.
 *
 * <pre>{@code
 * String greeting = EventLoop.run(() -> {
 *     Async.sleep(Duration.ofMillis(10));
 *     return "hello";
 * });
 * }</pre>
 *
 * <p>Loop time is {@code long} nanoseconds from the loop's {@link Clock}; pass a {@link VirtualClock}
 * to run timers in virtual time.
 */
public final class EventLoop implements AutoCloseable {
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final Duration DEFAULT_SLOW_CALLBACK = Duration.ofMillis(100);
    private static final AtomicInteger TASK_NUMBERS = new AtomicInteger();

    private final Clock clock;
    private final Selector selector;
    /** Each entry is a {@link Handle} (cancellable) or a bare {@link Runnable} scheduled internally. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final TimerHeap timers = new TimerHeap();
    private final Consumer<SelectionKey> ioDispatch = this::dispatchIo;
    private final LoadMeter load = new LoadMeter(System::nanoTime);
    private final Consumer<LoopDiagnostic> reporter = this::report;
    private final ConcurrentLinkedQueue<Handle> fromOtherThreads = new ConcurrentLinkedQueue<>();
    final TaskRegistry tasks = new TaskRegistry();

    private long timerSequence;
    /** Set while the loop may be blocked in select, so other threads know to wake it. */
    private volatile boolean polling;
    private volatile Thread thread;
    private boolean stopping;
    private boolean closed;
    private Consumer<LoopDiagnostic> diagnosticHandler = LoopDiagnostic::log;
    private boolean debug;
    private Duration slowCallbackDuration = DEFAULT_SLOW_CALLBACK;
    private SlowCallbackWatchdog watchdog;
    private ExecutorService defaultExecutor;

    /** A loop on the system clock. */
    public EventLoop() {
        this(Clock.system());
    }

    /** A loop on {@code clock}; a {@link VirtualClock} makes timers fire without real waiting. */
    public EventLoop(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a selector for the event loop", e);
        }
    }

    // ---------------------------------------------------------------- entry points

    /**
     * Runs {@code main} as a task on a new loop until it completes, like {@code asyncio.run}: then
     * cancels the tasks left over, lets them finish, shuts the default executor down and closes the
     * loop.
     *
     * @return the main task's result
     * @throws RuntimeException whatever the main task failed with, rethrown as it was
     */
    public static <T> T run(Coroutine<T> main) {
        try (EventLoop loop = new EventLoop()) {
            try {
                return loop.runUntilComplete(loop.createTask("main", main));
            } finally {
                loop.cancelRemainingTasks();
            }
        }
    }

    /** {@link #run(Coroutine)} for a body without a result. */
    public static void run(VoidCoroutine main) {
        run(main.asCoroutine());
    }

    /**
     * The loop running on the current thread.
     *
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static EventLoop current() {
        EventLoop loop = RUNNING.get();
        if (loop == null) {
            throw new IllegalStateException("no event loop is running on thread '" + Thread.currentThread().getName() + "'");
        }
        return loop;
    }

    /** The loop running on the current thread, or {@code null}. */
    public static EventLoop currentOrNull() {
        return RUNNING.get();
    }

    /**
     * Runs the loop until {@link #stop()} is called.
     *
     * @throws IllegalStateException if this loop is already running (a nested run is not allowed),
     *     another loop runs on this thread, or the loop is closed
     */
    public void runForever() {
        checkOpen();
        if (thread != null) {
            throw new IllegalStateException("this event loop is already running; runForever and runUntilComplete do not nest");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("another event loop is already running on this thread");
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        if (debug) {
            watchdog = SlowCallbackWatchdog.start(thread, slowCallbackDuration);
        }
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            if (watchdog != null) {
                watchdog.stop();
                watchdog = null;
            }
            RUNNING.remove();
            thread = null;
        }
    }

    /**
     * Runs the loop until {@code future} is done, and returns its result.
     *
     * @throws IllegalStateException if the loop stopped before the future was done
     * @throws RuntimeException whatever the future failed with, rethrown as it was
     */
    public <T> T runUntilComplete(Future<T> future) {
        if (future.loop != this) {
            throw new IllegalArgumentException("the future belongs to another loop");
        }
        Consumer<Future<T>> stopWhenDone = f -> stop();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.done()) {
            throw new IllegalStateException("the event loop stopped before the future completed");
        }
        return future.result();
    }

    /** Runs {@code body} as a task until it completes, and returns its result. */
    public <T> T runUntilComplete(Coroutine<T> body) {
        return runUntilComplete(createTask(body));
    }

    /**
     * Asks the loop to stop: it finishes the current iteration, runs one more pass over what is
     * ready without waiting, and returns from {@link #runForever()}.
     */
    public void stop() {
        stopping = true;
    }

    /** Whether the loop is running. */
    public boolean isRunning() {
        return thread != null;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: drops pending callbacks and timers, closes the selector and shuts the default
     * executor down. Reports tasks that were collected while pending or with unretrieved exceptions.
     * Closing twice does nothing.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("cannot close a running event loop; stop it first");
        }
        if (closed) {
            return;
        }
        closed = true;
        tasks.reportAllCollected(this::report);
        ready.clear();
        timers.clear();
        fromOtherThreads.clear();
        if (defaultExecutor != null) {
            defaultExecutor.shutdown();
        }
        try {
            selector.close();
        } catch (IOException e) {
            report(new LoopDiagnostic.CallbackFailed("closing the selector", e));
        }
    }

    // ---------------------------------------------------------------- callbacks and timers

    /**
     * How busy the loop is: the share of real time it spent running callbacks, rather than waiting
     * for I/O or timers, over its last complete window of 100 ms. Near 0 for an idle loop, near 1
     * for one that never waits. For deciding whether CPU work should leave the loop thread. Call it
     * on the loop thread.
     *
     * @return from 0 to 1; 0 until the first window is complete
     */
    public double load() {
        return load.load();
    }

    /** The loop's current time in nanoseconds, from its clock. */
    public long time() {
        return clock.nanoTime();
    }

    /**
     * Schedules {@code callback} to run on the next iteration, after the callbacks already
     * scheduled (FIFO order).
     */
    public Handle callSoon(Runnable callback) {
        checkThread("callSoon");
        Handle handle = new Handle(Objects.requireNonNull(callback, "callback"));
        ready.add(handle);
        return handle;
    }

    /** Schedules {@code callback} to run {@code delay} from now. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callAt(deadline(delay), callback);
    }

    /** Schedules {@code callback} to run once loop time reaches {@code when} (nanoseconds, see {@link #time()}). */
    public TimerHandle callAt(long when, Runnable callback) {
        checkThread("callAt");
        TimerHandle timer = new TimerHandle(this, when, timerSequence++, Objects.requireNonNull(callback, "callback"));
        timers.add(timer);
        return timer;
    }

    /**
     * Schedules {@code callback} from any thread, and wakes the loop if it is waiting for I/O. The
     * one thread-safe way into the loop.
     */
    public Handle callSoonThreadsafe(Runnable callback) {
        Handle handle = new Handle(Objects.requireNonNull(callback, "callback"));
        fromOtherThreads.add(handle);
        if (polling) {
            selector.wakeup();
        }
        return handle;
    }

    /** The loop time {@code delay} from now, saturating instead of overflowing. */
    public long deadline(Duration delay) {
        long now = time();
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        return nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** Schedules an internal callback that can never be cancelled: no handle to allocate. */
    void schedule(Runnable callback) {
        checkThread("completing a future");
        ready.add(callback);
    }

    void timerCancelled(TimerHandle timer) {
        if (thread == null || thread == Thread.currentThread()) {
            timers.remove(timer);
        }
    }

    // ---------------------------------------------------------------- tasks

    /** Wraps {@code body} in a new task, which starts on the next iteration. */
    public <T> Task<T> createTask(Coroutine<T> body) {
        return createTask("Task-" + TASK_NUMBERS.incrementAndGet(), body);
    }

    /** Wraps {@code body} in a new task named {@code name}, which starts on the next iteration. */
    public <T> Task<T> createTask(String name, Coroutine<T> body) {
        checkOpen();
        checkThread("createTask");
        Task<T> task = new Task<>(this, Objects.requireNonNull(name, "name"), Objects.requireNonNull(body, "body"),
                CreationSite.capture(debug));
        tasks.started(task);
        ready.add(task.stepper);
        return task;
    }

    /** {@link #createTask(Coroutine)} for a body without a result. */
    public Task<Void> createTask(VoidCoroutine body) {
        return createTask(body.asCoroutine());
    }

    /** {@link #createTask(String, Coroutine)} for a body without a result. */
    public Task<Void> createTask(String name, VoidCoroutine body) {
        return createTask(name, body.asCoroutine());
    }

    /** A new pending future on this loop. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** The tasks of this loop that have not finished and are still reachable. */
    public List<Task<?>> allTasks() {
        return tasks.pendingTasks();
    }

    private void cancelRemainingTasks() {
        List<Task<?>> leftovers = allTasks();
        if (leftovers.isEmpty()) {
            return;
        }
        for (Task<?> task : leftovers) {
            task.cancel("the main task finished");
        }
        Future<Void> allDone = createFuture();
        AtomicInteger remaining = new AtomicInteger(leftovers.size());
        for (Task<?> task : leftovers) {
            task.addDoneCallback(t -> {
                if (!t.cancelled() && t.exception() != null) {
                    report(new LoopDiagnostic.CallbackFailed("task '" + task.name() + "' during shutdown", t.exception()));
                }
                if (remaining.decrementAndGet() == 0) {
                    allDone.setResult(null);
                }
            });
        }
        runUntilComplete(allDone);
    }

    // ---------------------------------------------------------------- I/O

    /**
     * Registers {@code channel} with the loop's selector; {@code handler} hears about readiness for
     * {@code ops}. Low level: transports and streams are built on it. The channel must be in
     * non-blocking mode.
     *
     * @return the key, whose interest set the caller may change later
     */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) {
        checkOpen();
        checkThread("register");
        try {
            return channel.register(selector, ops, handler);
        } catch (ClosedChannelException e) {
            throw new UncheckedIOException("cannot register a closed channel", e);
        }
    }

    // ---------------------------------------------------------------- blocking work

    /**
     * Runs blocking {@code work} on {@code executor} and completes the returned future on the loop
     * thread with its result or exception. The one sanctioned way to block (a DNS lookup, say).
     * Cancelling the future before the work starts keeps it from starting.
     *
     * @param executor where to run; {@code null} for the loop's default pool of daemon threads
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> work) {
        checkOpen();
        Future<T> future = createFuture();
        Executor target = executor != null ? executor : defaultExecutor();
        target.execute(() -> {
            if (future.done()) {
                return; // cancelled before it started; a racy read is harmless, the result is dropped anyway
            }
            try {
                T value = work.call();
                callSoonThreadsafe(() -> {
                    if (!future.done()) {
                        future.setResult(value);
                    }
                });
            } catch (Throwable failure) {
                callSoonThreadsafe(() -> {
                    if (!future.done()) {
                        future.setException(failure);
                    }
                });
            }
        });
        return future;
    }

    /** {@link #runInExecutor(Executor, Callable)} on the default executor. */
    public <T> Future<T> runInExecutor(Callable<T> work) {
        return runInExecutor(null, work);
    }

    private ExecutorService defaultExecutor() {
        if (defaultExecutor == null) {
            int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            AtomicInteger number = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), work -> {
                        Thread worker = new Thread(work, "eddy-loop-executor-" + number.incrementAndGet());
                        worker.setDaemon(true);
                        return worker;
                    });
            pool.allowCoreThreadTimeOut(true);
            defaultExecutor = pool;
        }
        return defaultExecutor;
    }

    // ---------------------------------------------------------------- diagnostics

    /** Replaces the handler that hears about {@link LoopDiagnostic}s; the default logs them. */
    public void setDiagnosticHandler(Consumer<LoopDiagnostic> handler) {
        this.diagnosticHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Hands {@code diagnostic} to the handler; a failing handler falls back to the log. */
    public void report(LoopDiagnostic diagnostic) {
        try {
            diagnosticHandler.accept(diagnostic);
        } catch (RuntimeException handlerFailure) {
            LoopDiagnostic.log(diagnostic);
            LoopDiagnostic.log(new LoopDiagnostic.CallbackFailed("the diagnostic handler", handlerFailure));
        }
    }

    /**
     * Turns debug mode on or off. In debug mode the loop reports callbacks and task steps slower than
     * {@link #setSlowCallbackDuration the threshold}, with the stack they were at, reports loop calls
     * from the wrong thread (and refuses them), and records where each task was created. Takes
     * effect at the next {@link #runForever()}.
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /** Whether debug mode is on. */
    public boolean isDebug() {
        return debug;
    }

    /** How long a callback may hold the loop in debug mode before it is reported; 100 ms by default. */
    public void setSlowCallbackDuration(Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("the slow-callback threshold must be positive, not " + threshold);
        }
        this.slowCallbackDuration = threshold;
    }

    private void checkThread(String operation) {
        if (debug) {
            Thread owner = thread;
            if (owner != null && owner != Thread.currentThread()) {
                LoopDiagnostic.WrongThread wrong = new LoopDiagnostic.WrongThread(
                        operation, Thread.currentThread().getName(), owner.getName());
                report(wrong);
                throw new IllegalStateException(wrong.message());
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    private void reportIfSlow(long start, Object culprit) {
        long elapsed = System.nanoTime() - start;
        StackTraceElement[] stack = watchdog.end(start);
        if (elapsed > slowCallbackDuration.toNanos()) {
            report(new LoopDiagnostic.SlowCallback(String.valueOf(culprit), Duration.ofNanos(elapsed), stack));
        }
    }

    // ---------------------------------------------------------------- the iteration

    private void runOnce() {
        long timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else if (!timers.isEmpty()) {
            timeout = Math.max(0, timers.peek().when - clock.nanoTime());
        } else {
            timeout = Long.MAX_VALUE;
        }
        if (timeout != 0) {
            polling = true;
            if (!fromOtherThreads.isEmpty()) {
                timeout = 0;
            }
        }
        try {
            // With no channel registered and no wait wanted, polling is a system call that can find nothing.
            // With channels, every iteration polls: besides readiness, a poll is what finally releases the
            // sockets of channels closed since the last one (a closed listener keeps its port until then).
            if (timeout != 0 || !selector.keys().isEmpty()) {
                load.waitBegins();
                clock.select(selector, ioDispatch, timeout);
                load.waitEnds();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        } finally {
            polling = false;
        }
        Handle fromOther;
        while ((fromOther = fromOtherThreads.poll()) != null) {
            ready.add(fromOther);
        }
        long now = clock.nanoTime();
        TimerHandle next;
        while ((next = timers.peek()) != null && next.when - now <= 0) {
            timers.poll();
            ready.add(next);
        }
        for (int todo = ready.size(); todo > 0; todo--) {
            run(ready.poll());
        }
        tasks.reportCollected(reporter);
    }

    /** Delivers one key's readiness to its handler, inline, during the poll. */
    private void dispatchIo(SelectionKey key) {
        load.waitEnds(); // the handlers run inside the poll: the wait ended before the first of them
        if (key.isValid() && key.attachment() instanceof IoHandler handler) {
            long start = watchdog == null ? 0 : watchdog.begin();
            try {
                handler.ioReady(key);
            } catch (Throwable failure) {
                report(new LoopDiagnostic.CallbackFailed("I/O handler " + handler, failure));
            }
            if (watchdog != null) {
                reportIfSlow(start, handler);
            }
        }
    }

    private void run(Object item) {
        Runnable callback;
        if (item instanceof Handle handle) {
            if (handle.cancelled()) {
                return;
            }
            callback = handle.callback;
        } else {
            callback = (Runnable) item;
        }
        long start = watchdog == null ? 0 : watchdog.begin();
        try {
            callback.run();
        } catch (Throwable failure) {
            report(new LoopDiagnostic.CallbackFailed(String.valueOf(callback), failure));
        }
        if (watchdog != null) {
            reportIfSlow(start, callback);
        }
    }
}
