package org.gridcharge.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gridcharge.allocation.Plan.LimitPeriod;
import org.gridcharge.ocpp.message.ChargingRateUnit;
import org.gridcharge.ocpp.message.ClearChargingProfile;
import org.gridcharge.ocpp.message.GetCompositeSchedule;
import org.gridcharge.ocpp.message.Payloads;
import org.junit.jupiter.api.Test;

/**
 * The exact text the platform writes to stations. Stations compare what they get, some byte by byte
 * against recordings: field order, number formats and optional fields stay as they are.
 */
class WireFormatTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private static LimitPeriod period(long fromSeconds, long toSeconds, double limit) {
        return new LimitPeriod(T0.plusSeconds(fromSeconds), T0.plusSeconds(toSeconds), limit);
    }

    private static String forEvse(OcppVersion version, int connectorId, int phases, ChargingRateUnit unit, ChargingProfiles.Limits limits) {
        return Payloads.of(ChargingProfiles.forEvse(version, connectorId, phases, unit, limits), version).toString();
    }

    private static String failsafe(OcppVersion version, double limit, ChargingRateUnit unit, Instant now) {
        return Payloads.of(ChargingProfiles.failsafe(limit, unit, now), version).toString();
    }

    @Test
    void anOcpp16TxProfileNamesItsConnectorAndIntegerTransactionAndSaysThePhases() {
        assertEquals("""
                {"connectorId":2,"csChargingProfiles":{"chargingProfileId":2002,"stackLevel":2,"chargingProfilePurpose":"TxProfile",\
                "chargingProfileKind":"Absolute","transactionId":4711,"chargingSchedule":{"startSchedule":"2026-01-01T08:00:00Z",\
                "duration":3600,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16.0,"numberPhases":3},\
                {"startPeriod":600,"limit":0.0,"numberPhases":3},{"startPeriod":660,"limit":10.0,"numberPhases":3}]}}}""",
                forEvse(OcppVersion.V16, 2, 3, ChargingRateUnit.A, new ChargingProfiles.Limits("4711",
                        List.of(period(0, 600, 16.06), period(600, 660, 0), period(660, 3600, 10)))));
    }

    @Test
    void anOcpp201TxDefaultProfileHasAListOfOneScheduleWithTheProfilesId() {
        assertEquals("""
                {"evseId":1,"chargingProfile":{"id":1001,"stackLevel":1,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":[{"id":1001,"startSchedule":"2026-01-01T08:00:00Z","duration":60,\
                "chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":6.0,"numberPhases":1}]}]}}""",
                forEvse(OcppVersion.V201, 1, 1, ChargingRateUnit.A, new ChargingProfiles.Limits(null, List.of(period(0, 60, 6)))));
    }

    @Test
    void anOcpp201TxProfileInWattsStartsAtTheWholeSecondAndHasNoPhases() {
        assertEquals("""
                {"evseId":2,"chargingProfile":{"id":2002,"stackLevel":1,"chargingProfilePurpose":"TxProfile",\
                "chargingProfileKind":"Absolute","transactionId":"c0ffee-42","chargingSchedule":[{"id":2002,\
                "startSchedule":"2026-01-01T08:00:00Z","duration":3600,"chargingRateUnit":"W","chargingSchedulePeriod":[\
                {"startPeriod":0,"limit":70000.0},{"startPeriod":600,"limit":50000.0}]}]}}""",
                forEvse(OcppVersion.V201, 2, 3, ChargingRateUnit.W, new ChargingProfiles.Limits("c0ffee-42", List.of(
                        new LimitPeriod(T0.plusMillis(300), T0.plusSeconds(600), 70_000), period(600, 3600, 50_000.04)))));
    }

    @Test
    void anOcpp16TransactionIdThatIsNoIntegerGetsATxDefaultProfile() {
        assertEquals("""
                {"connectorId":3,"csChargingProfiles":{"chargingProfileId":1003,"stackLevel":3,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2026-01-01T08:00:00Z","duration":900,\
                "chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11000.0}]}}}""",
                forEvse(OcppVersion.V16, 3, 1, ChargingRateUnit.W, new ChargingProfiles.Limits("abc", List.of(period(0, 900, 11_000)))));
    }

    @Test
    void changesWithinASecondAreMergedAndARiseWaitsForTheNextSecond() {
        Instant fraction = T0.plusMillis(10_500);
        assertEquals("""
                {"connectorId":1,"csChargingProfiles":{"chargingProfileId":1001,"stackLevel":1,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2026-01-01T08:00:00Z","duration":90,\
                "chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16.0,"numberPhases":3},\
                {"startPeriod":10,"limit":8.0,"numberPhases":3},{"startPeriod":60,"limit":6.0,"numberPhases":3},\
                {"startPeriod":71,"limit":12.0,"numberPhases":3}]}}}""",
                forEvse(OcppVersion.V16, 1, 3, ChargingRateUnit.A, new ChargingProfiles.Limits(null, List.of(
                        period(0, 10, 16), new LimitPeriod(T0.plusSeconds(10), fraction, 20), new LimitPeriod(fraction, T0.plusSeconds(60), 8),
                        new LimitPeriod(T0.plusSeconds(60), T0.plusMillis(70_400), 6),
                        new LimitPeriod(T0.plusMillis(70_400), T0.plusSeconds(90), 12)))));
    }

    @Test
    void aScheduleThatEndsWhereItStartsHasNoDuration() {
        assertEquals("""
                {"evseId":4,"chargingProfile":{"id":2004,"stackLevel":1,"chargingProfilePurpose":"TxProfile",\
                "chargingProfileKind":"Absolute","transactionId":"tx-1","chargingSchedule":[{"id":2004,\
                "startSchedule":"2026-01-01T08:00:00Z","chargingRateUnit":"A","chargingSchedulePeriod":[\
                {"startPeriod":0,"limit":6.0,"numberPhases":3}]}]}}""",
                forEvse(OcppVersion.V201, 4, 3, ChargingRateUnit.A, new ChargingProfiles.Limits("tx-1", List.of(period(0, 0, 6)))));
    }

    @Test
    void theOcpp16FailsafeIsOnConnectorZeroWithoutDurationOrPhases() {
        assertEquals("""
                {"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2026-01-01T08:00:00Z","chargingRateUnit":"A",\
                "chargingSchedulePeriod":[{"startPeriod":0,"limit":7.2}]}}}""",
                failsafe(OcppVersion.V16, 7.25, ChargingRateUnit.A, T0.plusMillis(300)));
        assertEquals("""
                {"connectorId":0,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":{"startSchedule":"2026-01-01T08:00:00Z","chargingRateUnit":"A",\
                "chargingSchedulePeriod":[{"startPeriod":0,"limit":0.0}]}}}""",
                failsafe(OcppVersion.V16, 0, ChargingRateUnit.A, T0));
    }

    @Test
    void theOcpp201FailsafeIsOnEvseZeroInAmperesOrWatts() {
        assertEquals("""
                {"evseId":0,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"startSchedule":"2026-01-01T08:00:00Z",\
                "chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":25000.0}]}]}}""",
                failsafe(OcppVersion.V201, 25_000, ChargingRateUnit.W, T0));
        assertEquals("""
                {"evseId":0,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile",\
                "chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"startSchedule":"2026-01-01T08:00:00Z",\
                "chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16.0}]}]}}""",
                failsafe(OcppVersion.V201, 16, ChargingRateUnit.A, T0));
    }

    private static List<String> written(StationConnection[] connection, OcppVersion version) {
        List<String> frames = new ArrayList<>();
        connection[0] = new StationConnection("CS", version, new StationConnection.Transport() {
            @Override
            public void send(String text, Consumer<Throwable> done) {
                frames.add(text);
                done.accept(null);
            }

            @Override
            public void close(String reason, boolean goingAway) {
            }
        }, 30_000, T0);
        return frames;
    }

    @Test
    void callResultsAndCallErrorsAreWrittenAsCompactArrays() {
        StationConnection[] v16 = new StationConnection[1];
        StationConnection[] v201 = new StationConnection[1];
        List<String> frames = written(v16, OcppVersion.V16);
        List<String> frames201 = written(v201, OcppVersion.V201);

        v16[0].result("m1", Json.createObjectBuilder().add("currentTime", "2026-01-01T08:00:00.123Z").add("interval", 300)
                .add("status", "Accepted").build());
        v16[0].result("m2", JsonValue.EMPTY_JSON_OBJECT);
        v16[0].error("m3", OcppVersion.ErrorKind.FORMAT, "unknown field \"x\"\n");
        v201[0].error("m4", OcppVersion.ErrorKind.FORMAT, null);
        v201[0].error("-1", OcppVersion.ErrorKind.OCCURRENCE, "x".repeat(300));

        assertEquals(List.of("""
                [3,"m1",{"currentTime":"2026-01-01T08:00:00.123Z","interval":300,"status":"Accepted"}]""", """
                [3,"m2",{}]""", """
                [4,"m3","FormationViolation","unknown field \\"x\\"\\n",{}]"""), frames);
        assertEquals(List.of("""
                [4,"m4","FormatViolation","",{}]""", "[4,\"-1\",\"OccurrenceConstraintViolation\",\"" + "x".repeat(255) + "\",{}]"),
                frames201, "a description is cut to 255 characters");
    }

    @Test
    void aCallCarriesAFreshUuidAsItsMessageId() {
        StationConnection[] v16 = new StationConnection[1];
        List<String> frames = written(v16, OcppVersion.V16);
        v16[0].call(new ClearChargingProfile(), null, outcome -> { });
        assertEquals("""
                [2,"<uuid>","ClearChargingProfile",{}]""",
                frames.get(0).replaceFirst("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>"));
    }

    @Test
    void getCompositeScheduleAsksForAmperesOnAConnectorIn16AndAnEvseIn201() {
        GetCompositeSchedule request = new GetCompositeSchedule(1, 3600, ChargingRateUnit.A);
        assertEquals("""
                {"connectorId":1,"duration":3600,"chargingRateUnit":"A"}""", Payloads.of(request, OcppVersion.V16).toString());
        assertEquals("""
                {"duration":3600,"chargingRateUnit":"A","evseId":1}""", Payloads.of(request, OcppVersion.V201).toString());
    }
}
