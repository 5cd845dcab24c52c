package org.gridcharge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulated station reads its charging profiles as a station would. */
class ChargingLimitsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static ChargingLimits.Profile profile(int id, int connector, int stackLevel, String purpose, Long duration, String periods) {
        JsonObject json = Json.createReader(new StringReader("{\"chargingProfileId\":" + id + ",\"stackLevel\":" + stackLevel
                + ",\"chargingProfilePurpose\":\"" + purpose + "\",\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{"
                + (duration == null ? "" : "\"duration\":" + duration + ",") + "\"startSchedule\":\"" + T0 + "\","
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":" + periods + "}}")).readObject();
        return ChargingLimits.Profile.of(connector, json);
    }

    @Test
    void theHighestProfileInForceOnTheConnectorWinsOverTheStationWideFailsafe() {
        ChargingLimits limits = new ChargingLimits();
        limits.set(profile(1, 0, 0, "TxDefaultProfile", null, "[{\"startPeriod\":0,\"limit\":8}]"));
        assertEquals(8.0, limits.limitAt(1, T0.plusSeconds(5)), "only the failsafe");
        limits.set(profile(101, 1, 1, "TxDefaultProfile", 600L, "[{\"startPeriod\":0,\"limit\":16},{\"startPeriod\":60,\"limit\":10}]"));
        assertEquals(16.0, limits.limitAt(1, T0.plusSeconds(30)));
        assertEquals(10.0, limits.limitAt(1, T0.plusSeconds(90)), "the schedule's second period");
        assertEquals(8.0, limits.limitAt(1, T0.plusSeconds(700)), "after its duration the failsafe applies again");
        limits.set(profile(201, 1, 1, "TxProfile", 600L, "[{\"startPeriod\":0,\"limit\":20}]"));
        assertEquals(20.0, limits.limitAt(1, T0.plusSeconds(30)), "a TxProfile over a TxDefaultProfile of the same level");
        assertEquals(8.0, limits.limitAt(2, T0.plusSeconds(30)), "another connector has only the failsafe");
        assertEquals(2, limits.clear(null, 1, null));
        assertEquals(8.0, limits.limitAt(1, T0.plusSeconds(30)));
        assertNull(limits.limitAt(1, T0.minusSeconds(1)), "nothing is in force before its start");
    }
}
