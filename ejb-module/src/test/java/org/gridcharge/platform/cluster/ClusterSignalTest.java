package org.gridcharge.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClusterSignalTest {

    @Test
    void aSignalTravelsAsOnePayload() {
        String payload = ClusterSignal.payload("node-1~ab12", "station", "CS:with|odd*chars");
        assertEquals(new ClusterSignal("station", "CS:with|odd*chars", "node-1~ab12"), ClusterSignal.parse(payload));
        assertEquals(new ClusterSignal("resync", "", "n"), ClusterSignal.parse(ClusterSignal.payload("n", "resync", "")));
    }

    @Test
    void aPayloadThatIsNotOursIsIgnored() {
        assertNull(ClusterSignal.parse("hello"));
        assertNull(ClusterSignal.parse("a\u001fb"));
    }

    @Test
    void lockKeysDifferByName() {
        assertEquals(Coordination.key("allocation:NL*GFX"), Coordination.key("allocation:NL*GFX"));
        assertNotEquals(Coordination.key("allocation:NL*GFX"), Coordination.key("allocation:NL*GFY"));
    }
}
