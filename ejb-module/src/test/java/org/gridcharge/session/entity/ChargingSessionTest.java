package org.gridcharge.session.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChargingSessionTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aStatedNeedCountsFromWhenItWasStated() {
        ChargingSession session = new ChargingSession("s1", "E1", START);
        session.meter(1000);
        session.meter(5000); // 4 kWh delivered before the driver says what the car still needs
        session.needs(START.plusSeconds(7200), 10_000.0);
        assertEquals(10_000.0, session.energyStillWantedWh());
        session.meter(8000);
        assertEquals(7000.0, session.energyStillWantedWh());
        session.needs(START.plusSeconds(9000), 10_000.0); // the same need with a later departure: still counted from 5,000 Wh
        assertEquals(7000.0, session.energyStillWantedWh());
        session.meter(20_000);
        assertEquals(0.0, session.energyStillWantedWh(), "never below zero");
    }

    @Test
    void aGroupsAssumedNeedCountsFromTheSessionsStart() {
        ChargingSession session = new ChargingSession("s1", "E1", START);
        assertNull(session.energyStillWantedWh());
        session.meter(1000);
        session.meter(8000);
        var assumed = session.toAllocationSession(Duration.ofHours(3), 20_000.0);
        assertEquals(13_000.0, assumed.energyNeedWh(), "20 kWh less the 7 kWh metered since the start");
        assertEquals(START.plus(Duration.ofHours(3)), assumed.departure());
        assertNull(session.toAllocationSession().departure(), "no assumption: no departure");
    }
}
