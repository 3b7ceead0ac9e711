package dev.eddy.torrent.session;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.TimerHandle;
import java.time.Duration;

/**
 * One peer's side of the download limit. Blocks arrive before their tokens are taken (the bytes
 * are already in), so a block the limiter cannot pay for now is owed, and reading from the peer
 * is held until the whole owed total is paid. One total and one timer: with a timer per owed
 * block, the first one paid would resume reading while the others still owed, and the peer's
 * pipeline would drain past the limit. Used on the loop thread only.
 */
final class DownloadThrottle {
    private final EventLoop loop;
    private final RateLimiter limiter;
    private final Runnable hold;
    private final Runnable release;
    private long owed;
    private TimerHandle timer;

    /**
     * @param loop the loop whose time and timers it uses
     * @param limiter the torrent's download limiter
     * @param hold stops reading from the peer
     * @param release resumes reading from the peer, once everything owed is paid
     */
    DownloadThrottle(EventLoop loop, RateLimiter limiter, Runnable hold, Runnable release) {
        this.loop = loop;
        this.limiter = limiter;
        this.hold = hold;
        this.release = release;
    }

    /** {@return whether reading is held until owed tokens are paid} */
    boolean isHolding() {
        return timer != null;
    }

    /** Pays for a block received, or owes it and holds reading until it is paid. */
    void received(int bytes) {
        if (timer == null && limiter.tryTake(bytes, loop.time())) {
            return;
        }
        owed += bytes;
        if (timer == null) {
            hold.run();
            payLater();
        }
    }

    /** Forgets the debt and the timer, for a peer gone or a torrent stopped; reading is not resumed. */
    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        owed = 0;
    }

    private void payLater() {
        long wait = limiter.nanosUntil(owed, loop.time());
        timer = loop.callLater(Duration.ofNanos(Math.max(wait, 1)), () -> {
            if (limiter.tryTake(owed, loop.time())) {
                owed = 0;
                timer = null;
                release.run();
            } else {
                payLater();
            }
        });
    }
}
