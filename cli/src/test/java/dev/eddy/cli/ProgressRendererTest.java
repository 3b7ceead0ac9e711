package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private static final long MIB = 1 << 20;
    private static final ProgressSnapshot HALF = new ProgressSnapshot(50 * MIB, 100 * MIB, MIB, 256 << 10, 5, 23, "");

    @Test
    void aWideTerminalGetsEveryFieldAndTheLongestBar() {
        assertEquals("[###############...............]   50.0%  50.0 MiB / 100 MiB  down 1.00 MiB/s  up 256 KiB/s"
                + "  peers 5/23  ETA 50s", ProgressRenderer.terminalLine(HALF, 200));
    }

    @Test
    void neverReachesTheLastColumnAtAnyWidth() {
        ProgressSnapshot busy = new ProgressSnapshot(123_456_789, 987_654_321, 12_345_678, 1_234_567, 123, 4567,
                "all trackers failing, retrying in 30s");
        for (int width = 1; width <= 250; width++) {
            String line = ProgressRenderer.terminalLine(busy, width);
            assertTrue(line.length() <= Math.max(1, width - 1), width + ": " + line);
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            if (width >= 8) {
                assertTrue(line.startsWith(" 12.4%") || line.startsWith("[") || line.startsWith(" 12."), width + ": " + line);
            }
        }
    }

    @Test
    void narrowTerminalsDropTheBarThenTheLesserFields() {
        assertEquals(" 50.0%  50.0 MiB / 100 MiB  down 1.00 MiB/s  up 256 KiB/s  peers 5/23  ETA 50s",
                ProgressRenderer.terminalLine(HALF, 85));
        assertEquals(" 50.0%  50.0 MiB / 100 MiB  down 1.00 MiB/s  peers 5/23  ETA 50s",
                ProgressRenderer.terminalLine(HALF, 70));
        assertEquals(" 50.0%  50.0 MiB / 100 MiB  down 1.00 MiB/s  ETA 50s", ProgressRenderer.terminalLine(HALF, 55));
        assertEquals(" 50.0%  50.0 MiB / 100 MiB  down 1.00 MiB/s", ProgressRenderer.terminalLine(HALF, 45));
        assertEquals(" 50.0%  50.0 MiB / 100 MiB", ProgressRenderer.terminalLine(HALF, 30));
        assertEquals(" 50.0%", ProgressRenderer.terminalLine(HALF, 10));
    }

    @Test
    void theStatusIsCutShortRatherThanDropped() {
        ProgressSnapshot failing = new ProgressSnapshot(0, 100 * MIB, 0, 0, 0, 0, "all trackers failing, retrying");
        String line = ProgressRenderer.terminalLine(failing, 80);
        assertEquals(79, line.length(), line);
        assertEquals("  0.0%  0 B / 100 MiB  down 0 B/s  up 0 B/s  peers 0/0  ETA --  all trackers...", line);
        assertTrue(ProgressRenderer.terminalLine(failing, 200).endsWith("ETA --  all trackers failing, retrying"));
    }

    @Test
    void controlCharactersInTheStatusAreNotSentToTheTerminal() {
        ProgressSnapshot hostile = new ProgressSnapshot(0, 1, 0, 0, 0, 0, "bad\u001b[2Jtracker");
        assertTrue(ProgressRenderer.terminalLine(hostile, 200).endsWith("bad?[2Jtracker"));
        assertTrue(ProgressRenderer.plainLine(hostile).endsWith("bad?[2Jtracker"));
    }

    @Test
    void percentReachesOneHundredOnlyWhenDone() {
        assertTrue(ProgressRenderer.plainLine(new ProgressSnapshot(9_999, 10_000, 0, 0, 0, 0, "")).startsWith(" 99.9%"));
        assertTrue(ProgressRenderer.plainLine(new ProgressSnapshot(10_000, 10_000, 0, 0, 0, 0, "")).startsWith("100.0%"));
    }

    @Test
    void etaIsReadable() {
        assertEquals("--", ProgressRenderer.eta(new ProgressSnapshot(0, 100, 0, 0, 0, 0, "")));
        assertEquals("0s", ProgressRenderer.eta(new ProgressSnapshot(100, 100, 0, 0, 0, 0, "")));
        assertEquals("45s", ProgressRenderer.eta(new ProgressSnapshot(0, 450, 10, 0, 0, 0, "")));
        assertEquals("12m05s", ProgressRenderer.eta(new ProgressSnapshot(0, 725, 1, 0, 0, 0, "")));
        assertEquals("3h20m", ProgressRenderer.eta(new ProgressSnapshot(0, 12_000, 1, 0, 0, 0, "")));
        assertEquals("2d04h", ProgressRenderer.eta(new ProgressSnapshot(0, 187_200, 1, 0, 0, 0, "")));
    }

    @Test
    void theBarFillsInProportion() {
        assertEquals("[..........]", ProgressRenderer.bar(0, 10));
        assertEquals("[#####.....]", ProgressRenderer.bar(0.5, 10));
        assertEquals("[#########.]", ProgressRenderer.bar(0.999, 10));
        assertEquals("[##########]", ProgressRenderer.bar(1, 10));
    }

    @Test
    void thePlainLineHasEveryFigure() {
        assertEquals(" 50.0%  50.0 MiB / 100 MiB  down 1.00 MiB/s  up 256 KiB/s  peers 5/23  ETA 50s",
                ProgressRenderer.plainLine(HALF));
    }
}
