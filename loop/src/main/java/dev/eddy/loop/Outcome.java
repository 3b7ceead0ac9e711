package dev.eddy.loop;

/**
 * How a future ended, as a value: what {@link Async#gatherOutcomes} returns for each child in place
 * of rethrowing the first failure (asyncio's {@code return_exceptions=True}).
 *
 * @param <T> the type of a successful result
 */
public sealed interface Outcome<T> {

    /** The future produced {@code value}. */
    record Success<T>(T value) implements Outcome<T> {}

    /** The future failed with {@code exception}; a cancelled future gives a {@link CancelledException}. */
    record Failure<T>(Throwable exception) implements Outcome<T> {}

    /** The outcome of {@code future}, which must be done. */
    static <T> Outcome<T> of(Future<? extends T> future) {
        if (future.cancelled()) {
            return new Failure<>(new CancelledException(future.cancelMessage()));
        }
        Throwable failure = future.exception();
        return failure != null ? new Failure<>(failure) : new Success<>(future.result());
    }

    /** The value, or the failure rethrown as it was. */
    default T get() {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw Sneaky.rethrow(f.exception());
        };
    }

    /** Completes {@code target}, which must be pending, the way {@code source} ended. */
    static <T> void copyInto(Future<? extends T> source, Future<T> target) {
        if (source.cancelled()) {
            target.cancel(source.cancelMessage());
            return;
        }
        Throwable failure = source.exception();
        if (failure != null) {
            target.setException(failure);
        } else {
            target.setResult(source.result());
        }
    }
}
