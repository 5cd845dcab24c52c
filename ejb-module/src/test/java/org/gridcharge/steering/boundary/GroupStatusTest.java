package org.gridcharge.steering.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.steering.boundary.GroupStatusService.EvseNow;
import org.gridcharge.steering.boundary.GroupStatusService.Summary;
import org.junit.jupiter.api.Test;

/** How an EVSE's state reads as status, smart charging status and level, and how EVSEs add up in a summary. */
class GroupStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @Test
    void ocppConnectorStatusesReadAsOcpiStatuses() {
        assertEquals(EvseStatus.UNKNOWN, EvseStatus.of(false, true, "Charging", null), "an offline station says nothing now");
        assertEquals(EvseStatus.AVAILABLE, EvseStatus.of(true, false, null, null), "no report, no session");
        assertEquals(EvseStatus.CHARGING, EvseStatus.of(true, true, null, null), "no report, a session");
        assertEquals(EvseStatus.CHARGING, EvseStatus.of(true, true, "Available", null), "a session overtakes a late Available");
        for (String s : List.of("Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing", "Occupied")) {
            assertEquals(EvseStatus.CHARGING, EvseStatus.of(true, false, s, null), s);
        }
        assertEquals(EvseStatus.RESERVED, EvseStatus.of(true, false, "Reserved", null));
        assertEquals(EvseStatus.INOPERATIVE, EvseStatus.of(true, true, "Unavailable", null));
        assertEquals(EvseStatus.OUTOFORDER, EvseStatus.of(true, true, "Faulted", null));
        assertEquals(EvseStatus.OUTOFORDER, EvseStatus.of(true, false, "Available", "Faulted"), "connector 0 is the whole station");
        assertEquals(EvseStatus.INOPERATIVE, EvseStatus.of(true, false, "Available", "Unavailable"));
        assertEquals(EvseStatus.OUTOFORDER, EvseStatus.of(true, false, "Faulted", "Unavailable"), "a fault outranks being switched off");
        assertEquals(EvseStatus.AVAILABLE, EvseStatus.of(true, false, "Available", "Available"));
        // OCPP 2.0.1: the connectors of one EVSE report apart; the EVSE shows the most telling report
        assertEquals("Faulted", EvseStatus.mostTelling("Available", "Faulted"));
        assertEquals("Faulted", EvseStatus.mostTelling("Faulted", "Occupied"));
        assertEquals("Unavailable", EvseStatus.mostTelling("Occupied", "Unavailable"));
        assertEquals("Occupied", EvseStatus.mostTelling("Available", "Occupied"));
        assertEquals("Occupied", EvseStatus.mostTelling("Reserved", "Occupied"));
        assertEquals("Reserved", EvseStatus.mostTelling(null, "Reserved"));
    }

    @Test
    void allocationStatesReadAsLevelsAndSmartChargingStatuses() {
        assertEquals(EvseLevel.PRIORITY, EvseLevel.of("CHARGING", true));
        assertEquals(EvseLevel.NORMAL, EvseLevel.of("CHARGING", false));
        assertEquals(EvseLevel.STARTED, EvseLevel.of("STARTED", false));
        assertEquals(EvseLevel.SLOW, EvseLevel.of("PAUSED", false));
        assertEquals(EvseLevel.REJECTED, EvseLevel.of("REJECTED", false));
        assertEquals(EvseLevel.OFFLINE, EvseLevel.of("UNCONTROLLABLE", false));
        assertEquals(EvseLevel.AVAILABLE, EvseLevel.of("AVAILABLE", false));
        assertEquals(SmartChargingStatus.OFFLINE, SmartChargingStatus.ofState("UNCONTROLLABLE"));
        assertEquals(SmartChargingStatus.SMARTCHARGINGACTIVE, SmartChargingStatus.ofState("PAUSED"));
        assertNull(SmartChargingStatus.ofState("AVAILABLE"));
        assertEquals(SmartChargingStatus.OFFLINE, SmartChargingStatus.now(false, true, 10.0, 16.0, false));
        assertNull(SmartChargingStatus.now(true, false, null, 16.0, false));
        assertEquals(SmartChargingStatus.VEHICLEDONECHARGING, SmartChargingStatus.now(true, true, 0.4, 16.0, false));
        assertEquals(SmartChargingStatus.SMARTCHARGINGACTIVE, SmartChargingStatus.now(true, true, 0.4, 0.0, false), "paused, not done");
        assertEquals(SmartChargingStatus.SMARTCHARGINGACTIVE, SmartChargingStatus.now(true, true, 0.4, 16.0, true), "DC: no current");
    }

    @Test
    void aSummaryAddsAmperesPerGridPhaseAndPowerAtTheNominalVoltage() {
        EvseNow threePhase = now(new Evse("NL*GFX*E1*1", "NL*GFX", "CS1", 1, 32.0, 3, "RST", T0), 16, 10.0);
        EvseNow onL2 = now(new Evse("NL*GFX*E2*1", "NL*GFX", "CS2", 1, 32.0, 1, "L2", T0), 8, 8.0);
        Summary s = GroupStatusService.summary(List.of(threePhase, onL2), false);
        assertEquals(2, s.number());
        assertEquals(24, s.allocated());
        assertEquals(16, s.allocatedL1());
        assertEquals(24, s.allocatedL2());
        assertEquals(16, s.allocatedL3());
        assertEquals(2300, s.wattsL1());
        assertEquals(2300 + 1840, s.wattsL2());
        assertEquals(3 * 2300 + 1840, s.watts());
        Summary watts = GroupStatusService.summary(List.of(threePhase), true);
        assertEquals(16, watts.allocated());
        assertNull(watts.watts(), "a group managed in watts has no metered power here");
    }

    private static EvseNow now(Evse evse, double allocated, Double measured) {
        return new EvseNow(evse, true, true, EvseStatus.CHARGING, SmartChargingStatus.SMARTCHARGINGACTIVE, EvseLevel.NORMAL, allocated,
                measured);
    }
}
