package dev.eddy.loop;

import java.time.Duration;
import java.util.Arrays;

/**
 * Something that went wrong on an {@link EventLoop} but did not stop it, handed to its
 * {@linkplain EventLoop#setDiagnosticHandler diagnostic handler}.
 *
 * <p>The default handler logs each one through {@link System.Logger} under the name
 * {@code dev.eddy.loop}.
 */
public sealed interface LoopDiagnostic {

    /** A sentence a person can act on. */
    String message();

    /** The exception involved, or {@code null}. */
    default Throwable exception() {
        return null;
    }

    /** A callback, I/O handler or done callback threw; the loop went on. */
    record CallbackFailed(String culprit, Throwable exception) implements LoopDiagnostic {
        @Override
        public String message() {
            return "Exception in callback " + culprit + ": " + exception;
        }
    }

    /** A task failed and was garbage-collected, or the loop closed, before anyone asked why. */
    record TaskExceptionNeverRetrieved(String taskName, Throwable exception, StackTraceElement[] createdAt)
            implements LoopDiagnostic {
        @Override
        public String message() {
            return "Task exception was never retrieved: task '" + taskName + "' failed with " + exception
                    + CreationSite.describe(createdAt);
        }
    }

    /** A task became unreachable while still pending: whatever it awaited can never wake it. */
    record PendingTaskDropped(String taskName, StackTraceElement[] createdAt) implements LoopDiagnostic {
        @Override
        public String message() {
            return "Task was dropped while still pending: task '" + taskName
                    + "' awaited something that nothing referenced any more" + CreationSite.describe(createdAt);
        }
    }

    /** Debug mode: a callback or task step held the loop for longer than the threshold. */
    record SlowCallback(String culprit, Duration duration, StackTraceElement[] stack) implements LoopDiagnostic {
        @Override
        public String message() {
            return "Executing " + culprit + " took " + duration.toMillis() + " ms, holding up every other task"
                    + (stack.length == 0 ? "" : "; it was at:\n\tat " + String.join("\n\tat ",
                            Arrays.stream(stack).map(StackTraceElement::toString).toList()));
        }
    }

    /** Debug mode: a loop method that is not thread-safe was called from another thread. */
    record WrongThread(String operation, String callerThread, String loopThread) implements LoopDiagnostic {
        @Override
        public String message() {
            return operation + " was called from thread '" + callerThread + "' while the loop runs on '"
                    + loopThread + "'; use callSoonThreadsafe to reach the loop from another thread";
        }
    }

    /** The default handler: one log record per diagnostic. */
    static void log(LoopDiagnostic diagnostic) {
        System.Logger logger = System.getLogger("dev.eddy.loop");
        System.Logger.Level level = switch (diagnostic) {
            case SlowCallback s -> System.Logger.Level.WARNING;
            case WrongThread w -> System.Logger.Level.ERROR;
            case CallbackFailed c -> System.Logger.Level.ERROR;
            case TaskExceptionNeverRetrieved t -> System.Logger.Level.ERROR;
            case PendingTaskDropped p -> System.Logger.Level.ERROR;
        };
        logger.log(level, diagnostic.message(), diagnostic.exception());
    }
}
