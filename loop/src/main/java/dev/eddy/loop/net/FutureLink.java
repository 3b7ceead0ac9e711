package dev.eddy.loop.net;

import dev.eddy.loop.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/** Ties a future to the one it is derived from, the way the callback-level API chains its steps. */
final class FutureLink {
    private FutureLink() {}

    /**
     * Completes {@code target} from {@code source}: its result through {@code map} (which may throw
     * to fail the target), its failure or cancellation as they are. Cancelling the target cancels the
     * source. A result that arrives after the target was settled otherwise goes to {@code discard},
     * so that a socket nobody will use gets closed.
     */
    static <A, B> void forward(Future<A> source, Future<B> target, Function<? super A, ? extends B> map,
            Consumer<? super A> discard) {
        source.addDoneCallback(done -> {
            if (target.done()) {
                if (!done.cancelled() && done.exception() == null) {
                    discard.accept(done.result());
                }
            } else if (done.cancelled()) {
                target.cancel();
            } else if (done.exception() != null) {
                target.setException(done.exception());
            } else {
                B value;
                try {
                    value = map.apply(done.result());
                } catch (RuntimeException e) {
                    target.setException(e);
                    return;
                }
                target.setResult(value);
            }
        });
        target.addDoneCallback(done -> {
            if (done.cancelled()) {
                source.cancel();
            }
        });
    }
}
