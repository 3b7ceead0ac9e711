package dev.eddy.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The future behind {@link Async#gather} and {@link Async#gatherOutcomes}: done when every child
 * is, with their results in input order. Cancelling it cancels the children.
 *
 * @param <T> the children's result type
 * @param <R> the element type of the result list: {@code T}, or {@code Outcome<T>}
 */
final class GatheringFuture<T, R> extends Future<List<R>> {
    private final List<? extends Future<? extends T>> children;
    private final boolean outcomes;
    private final Object[] results;
    private int remaining;
    private boolean cancelRequested;
    private String cancelRequestMessage;

    GatheringFuture(EventLoop loop, List<? extends Future<? extends T>> children, boolean outcomes) {
        super(loop);
        this.children = children;
        this.outcomes = outcomes;
        this.results = new Object[children.size()];
        this.remaining = children.size();
        if (remaining == 0) {
            setResult(List.of());
            return;
        }
        for (int i = 0; i < children.size(); i++) {
            int index = i;
            children.get(i).addDoneCallback(child -> childDone(index, child));
        }
    }

    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        boolean anyCancelled = false;
        for (Future<? extends T> child : children) {
            anyCancelled |= child.cancel(message);
        }
        if (anyCancelled) {
            // The children's callbacks finish this future once they have all wound down.
            cancelRequested = true;
            cancelRequestMessage = message;
        }
        return anyCancelled;
    }

    private void childDone(int index, Future<? extends T> child) {
        if (done()) {
            if (!child.cancelled()) {
                child.exception(); // the first failure was reported through us; the rest count as seen
            }
            return;
        }
        if (!outcomes) {
            if (child.cancelled()) {
                finishCancelled(child.cancelMessage());
                return;
            }
            Throwable failure = child.exception();
            if (failure != null) {
                setException(failure);
                return;
            }
        }
        results[index] = outcomes ? Outcome.of(child) : child.result();
        if (--remaining == 0) {
            if (cancelRequested) {
                finishCancelled(cancelRequestMessage);
            } else {
                setResult(resultList());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<R> resultList() {
        return (List<R>) new ArrayList<>(Arrays.asList(results));
    }
}
