package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeerIdTest {

    @Test
    void generatedIdsAreAzureusStyleAndDiffer() {
        PeerId a = PeerId.generate();
        PeerId b = PeerId.generate();
        assertEquals("-ED0001-", new String(a.bytes(), 0, 8, StandardCharsets.US_ASCII));
        assertTrue(a.isEddy());
        assertNotEquals(a, b);
        assertEquals(new PeerId(a.bytes()), a);
    }

    @Test
    void otherClientsAreNotEddyAndLengthIsChecked() {
        assertFalse(new PeerId("-lt2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII)).isEddy());
        assertThrows(IllegalArgumentException.class, () -> new PeerId(new byte[19]));
    }
}
