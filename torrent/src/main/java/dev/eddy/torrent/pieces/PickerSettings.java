package dev.eddy.torrent.pieces;

import java.time.Duration;

/**
 * The picker's timeouts.
 *
 * @param snubTimeout how long an unchoking peer with requests outstanding may send nothing before
 *     it counts as snubbing us
 * @param requestTimeout how long one request may stay outstanding before it goes back to the picker
 */
public record PickerSettings(Duration snubTimeout, Duration requestTimeout) {
    /** 60 s to snub, as the reference clients do, and 60 s for one request. */
    public static final PickerSettings DEFAULTS = new PickerSettings(Duration.ofSeconds(60), Duration.ofSeconds(60));

    /** Checks that both are positive. */
    public PickerSettings {
        if (snubTimeout.isNegative() || snubTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: " + snubTimeout + ", " + requestTimeout);
        }
    }
}
