package org.gridcharge.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.gridcharge.allocation.Plan.LimitPeriod;
import org.gridcharge.ocpp.message.ChargingRateUnit;
import org.gridcharge.ocpp.message.Payloads;
import org.junit.jupiter.api.Test;

/** The SetChargingProfile payloads, for both OCPP versions. */
class ChargingProfilesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private static LimitPeriod period(long fromSeconds, long toSeconds, double amps) {
        return new LimitPeriod(T0.plusSeconds(fromSeconds), T0.plusSeconds(toSeconds), amps);
    }

    /** The payload of the planned profile, as written for {@code version}. */
    private static JsonObject forEvse(OcppVersion version, int connectorId, int phases, ChargingProfiles.Limits limits) {
        return forEvse(version, connectorId, phases, ChargingRateUnit.A, limits);
    }

    private static JsonObject forEvse(OcppVersion version, int connectorId, int phases, ChargingRateUnit unit, ChargingProfiles.Limits limits) {
        return Payloads.of(ChargingProfiles.forEvse(version, connectorId, phases, unit, limits), version);
    }

    /** The payload of the failsafe, as written for {@code version}. */
    private static JsonObject failsafe(OcppVersion version, double limit, Instant now) {
        return failsafe(version, limit, ChargingRateUnit.A, now);
    }

    private static JsonObject failsafe(OcppVersion version, double limit, ChargingRateUnit unit, Instant now) {
        return Payloads.of(ChargingProfiles.failsafe(limit, unit, now), version);
    }

    @Test
    void ocpp16TxProfileForARunningTransaction() {
        JsonObject payload = forEvse(OcppVersion.V16, 2, 3,
                new ChargingProfiles.Limits("4711", List.of(period(0, 600, 16.06), period(600, 660, 0), period(660, 3600, 10))));
        assertEquals(2, payload.getInt("connectorId"));
        JsonObject profile = payload.getJsonObject("csChargingProfiles");
        assertEquals("TxProfile", profile.getString("chargingProfilePurpose"));
        assertEquals(4711, profile.getInt("transactionId"));
        assertEquals(2, profile.getInt("stackLevel"), "OCPP 1.6: the connector's own stack level");
        assertEquals("Absolute", profile.getString("chargingProfileKind"));
        JsonObject schedule = profile.getJsonObject("chargingSchedule");
        assertEquals(T0.toString(), schedule.getString("startSchedule"));
        assertEquals(3600, schedule.getInt("duration"));
        JsonArray periods = schedule.getJsonArray("chargingSchedulePeriod");
        assertEquals(3, periods.size());
        assertEquals("16.0", periods.getJsonObject(0).getJsonNumber("limit").toString(), "one decimal, rounded down");
        assertEquals(600, periods.getJsonObject(1).getInt("startPeriod"));
        assertEquals(0.0, periods.getJsonObject(1).getJsonNumber("limit").doubleValue(), "the one-minute stop");
        assertEquals(3, periods.getJsonObject(2).getInt("numberPhases"));
    }

    @Test
    void ocpp201TxDefaultProfileWithoutTransactionHasAScheduleId() {
        JsonObject payload = forEvse(OcppVersion.V201, 1, 1, new ChargingProfiles.Limits(null, List.of(period(0, 60, 6))));
        assertEquals(1, payload.getInt("evseId"));
        JsonObject profile = payload.getJsonObject("chargingProfile");
        assertEquals("TxDefaultProfile", profile.getString("chargingProfilePurpose"));
        assertFalse(profile.containsKey("transactionId"));
        JsonObject schedule = profile.getJsonArray("chargingSchedule").getJsonObject(0);
        assertTrue(schedule.containsKey("id"));
        assertEquals(1, schedule.getJsonArray("chargingSchedulePeriod").getJsonObject(0).getInt("numberPhases"));
    }

    @Test
    void changesWithinOneSecondKeepTheLowerLimitAndARiseStartsAtTheNextSecond() {
        Instant fraction = T0.plusMillis(10_500);
        JsonObject payload = forEvse(OcppVersion.V16, 1, 3, new ChargingProfiles.Limits(null, List.of(
                period(0, 10, 16), new LimitPeriod(T0.plusSeconds(10), fraction, 20), new LimitPeriod(fraction, T0.plusSeconds(60), 8),
                new LimitPeriod(T0.plusSeconds(60), T0.plusMillis(70_400), 6), new LimitPeriod(T0.plusMillis(70_400), T0.plusSeconds(90), 12))));
        JsonArray periods = payload.getJsonObject("csChargingProfiles").getJsonObject("chargingSchedule").getJsonArray("chargingSchedulePeriod");
        assertEquals(10, periods.getJsonObject(1).getInt("startPeriod"));
        assertEquals(8.0, periods.getJsonObject(1).getJsonNumber("limit").doubleValue(), "20 A for half a second then 8 A: 8 A from second 10");
        assertEquals(60, periods.getJsonObject(2).getInt("startPeriod"));
        assertEquals(71, periods.getJsonObject(3).getInt("startPeriod"), "a rise at 70.4 s starts at 71 s, never early");
        assertEquals(12.0, periods.getJsonObject(3).getJsonNumber("limit").doubleValue());
    }

    @Test
    void dcChargersInAGroupManagedInWattsGetWattsWithoutPhases() {
        JsonObject payload = forEvse(OcppVersion.V16, 1, 3, ChargingRateUnit.W, new ChargingProfiles.Limits("7",
                List.of(period(0, 600, 70_000), period(600, 3600, 50_000.04))));
        JsonObject schedule = payload.getJsonObject("csChargingProfiles").getJsonObject("chargingSchedule");
        assertEquals("W", schedule.getString("chargingRateUnit"));
        JsonArray periods = schedule.getJsonArray("chargingSchedulePeriod");
        assertEquals(70_000.0, periods.getJsonObject(0).getJsonNumber("limit").doubleValue());
        assertEquals(50_000.0, periods.getJsonObject(1).getJsonNumber("limit").doubleValue());
        assertFalse(periods.getJsonObject(0).containsKey("numberPhases"), "power has no phases");
        JsonObject failsafe = failsafe(OcppVersion.V201, 25_000, ChargingRateUnit.W, T0).getJsonObject("chargingProfile")
                .getJsonArray("chargingSchedule").getJsonObject(0);
        assertEquals("W", failsafe.getString("chargingRateUnit"));
        assertEquals("A", failsafe(OcppVersion.V16, 7, T0).getJsonObject("csChargingProfiles")
                .getJsonObject("chargingSchedule").getString("chargingRateUnit"));
    }

    @Test
    void theFailsafeIsStationWideBelowEverythingAndWithoutEnd() {
        JsonObject profile = failsafe(OcppVersion.V16, 7.25, T0.plusMillis(300)).getJsonObject("csChargingProfiles");
        assertEquals(0, profile.getInt("stackLevel"));
        assertEquals(ChargingProfiles.FAILSAFE_ID, profile.getInt("chargingProfileId"));
        assertFalse(profile.getJsonObject("chargingSchedule").containsKey("duration"));
        assertEquals("7.2", profile.getJsonObject("chargingSchedule").getJsonArray("chargingSchedulePeriod").getJsonObject(0)
                .getJsonNumber("limit").toString());
    }

    @Test
    void aScheduleWithinTheDeadbandOfTheLastOneIsNotResent() {
        ChargingProfiles.Limits sent = new ChargingProfiles.Limits("1", List.of(period(0, 3600, 16)));
        assertTrue(sent.covers(new ChargingProfiles.Limits("1", List.of(period(60, 3660, 16.4))), 0.5));
        assertFalse(sent.covers(new ChargingProfiles.Limits("1", List.of(period(60, 3660, 17))), 0.5), "beyond the deadband");
        assertFalse(sent.covers(new ChargingProfiles.Limits("2", List.of(period(60, 3660, 16))), 0.5), "another transaction");
        assertFalse(sent.covers(new ChargingProfiles.Limits("1", List.of(period(3000, 9000, 16))), 0.5), "the old one runs out too soon");
    }

    @Test
    void theDeadbandNeverLeavesAHigherLimitInForce() {
        ChargingProfiles.Limits sent = new ChargingProfiles.Limits("1", List.of(period(0, 3600, 6.3)));
        assertFalse(sent.covers(new ChargingProfiles.Limits("1", List.of(period(0, 3600, 6.0))), 0.5),
                "0.3 A more than allowed, on each of many EVSEs, would add up above the capacity");
        assertTrue(sent.covers(new ChargingProfiles.Limits("1", List.of(period(0, 3600, 6.6))), 0.5),
                "0.3 A less than allowed wastes a little and is not worth a message");
        assertFalse(sent.covers(new ChargingProfiles.Limits("1", List.of(period(0, 3600, 7.0))), 0.5));
    }

    @Test
    void ocpp16ConnectorsOfOneStationNeverShareAStackLevelAndPurpose() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int connector = 1; connector <= 4; connector++) {
            for (String tx : new String[] {null, "4711"}) {
                JsonObject profile = forEvse(OcppVersion.V16, connector, 3,
                        new ChargingProfiles.Limits(tx, List.of(period(0, 600, 16)))).getJsonObject("csChargingProfiles");
                assertTrue(seen.add(profile.getInt("stackLevel") + "/" + profile.getString("chargingProfilePurpose")),
                        "a literal reading of §3.13.2 would replace another connector's profile: " + profile);
            }
        }
        JsonObject failsafe = failsafe(OcppVersion.V16, 0, T0).getJsonObject("csChargingProfiles");
        assertTrue(seen.add(failsafe.getInt("stackLevel") + "/" + failsafe.getString("chargingProfilePurpose")));
    }
}
