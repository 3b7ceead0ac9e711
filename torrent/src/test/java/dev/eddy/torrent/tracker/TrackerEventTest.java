package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrackerEventTest {

    @Test
    void namesAndNumbersFollowBep3AndBep15() {
        for (TrackerEvent event : TrackerEvent.values()) {
            assertEquals(event, TrackerEvent.fromUdpCode(event.udpCode()));
            assertEquals(event, TrackerEvent.fromHttpName(event.httpName()));
        }
        assertEquals(2, TrackerEvent.STARTED.udpCode());
        assertEquals(TrackerEvent.NONE, TrackerEvent.fromHttpName(null));
        assertEquals(TrackerEvent.NONE, TrackerEvent.fromHttpName("empty"));
        assertThrows(IllegalArgumentException.class, () -> TrackerEvent.fromHttpName("paused"));
        assertThrows(IllegalArgumentException.class, () -> TrackerEvent.fromUdpCode(9));
    }
}
