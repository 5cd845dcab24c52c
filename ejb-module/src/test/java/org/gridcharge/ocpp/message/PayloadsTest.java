package org.gridcharge.ocpp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.gridcharge.ocpp.OcppVersion;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private static ChargingSchedule schedule(ChargingRateUnit unit, SchedulePeriod... periods) {
        return new ChargingSchedule(T0, 600L, unit, List.of(periods));
    }

    private static SchedulePeriod period(long start, String limit) {
        return new SchedulePeriod(start, new BigDecimal(limit), 3);
    }

    @Test
    void getCompositeScheduleNamesTheConnectorIn16AndTheEvseIn201() {
        GetCompositeSchedule request = new GetCompositeSchedule(2, 3600, ChargingRateUnit.A);
        assertEquals("""
                {"connectorId":2,"duration":3600,"chargingRateUnit":"A"}""", Payloads.of(request, OcppVersion.V16).toString());
        assertEquals("""
                {"duration":3600,"chargingRateUnit":"A","evseId":2}""", Payloads.of(request, OcppVersion.V201).toString());
        assertEquals("GetCompositeSchedule", request.action());
    }

    @Test
    void clearChargingProfileWithoutCriteriaIsAnEmptyObjectInBothVersions() {
        assertEquals("{}", Payloads.of(new ClearChargingProfile(), OcppVersion.V16).toString());
        assertEquals("{}", Payloads.of(new ClearChargingProfile(), OcppVersion.V201).toString());
        assertEquals("ClearChargingProfile", new ClearChargingProfile().action());
    }

    @Test
    void aTxProfileCarriesAnIntegerTransactionIdIn16AndAStringIn201() {
        SetChargingProfile request = new SetChargingProfile(1, new ChargingProfile(2001, 1, ChargingProfilePurpose.TxProfile, "42",
                schedule(ChargingRateUnit.A, period(0, "16.0"))));
        assertEquals("""
                {"connectorId":1,"csChargingProfiles":{"chargingProfileId":2001,"stackLevel":1,"chargingProfilePurpose":"TxProfile",\
                "chargingProfileKind":"Absolute","transactionId":42,"chargingSchedule":{"startSchedule":"2026-01-01T08:00:00Z",\
                "duration":600,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16.0,"numberPhases":3}]}}}""",
                Payloads.of(request, OcppVersion.V16).toString());
        assertEquals("""
                {"evseId":1,"chargingProfile":{"id":2001,"stackLevel":1,"chargingProfilePurpose":"TxProfile",\
                "chargingProfileKind":"Absolute","transactionId":"42","chargingSchedule":[{"id":2001,\
                "startSchedule":"2026-01-01T08:00:00Z","duration":600,"chargingRateUnit":"A","chargingSchedulePeriod":[\
                {"startPeriod":0,"limit":16.0,"numberPhases":3}]}]}}""", Payloads.of(request, OcppVersion.V201).toString());
    }

    @Test
    void anOcpp16TransactionIdMustBeAnInteger() {
        SetChargingProfile request = new SetChargingProfile(1, new ChargingProfile(2001, 1, ChargingProfilePurpose.TxProfile, "c0ffee",
                schedule(ChargingRateUnit.A, period(0, "16.0"))));
        assertThrows(NumberFormatException.class, () -> Payloads.of(request, OcppVersion.V16));
    }

    @Test
    void anOcpp201TransactionIdHasAtMost36Characters() {
        SetChargingProfile request = new SetChargingProfile(1, new ChargingProfile(2001, 1, ChargingProfilePurpose.TxProfile, "t".repeat(37),
                schedule(ChargingRateUnit.A, period(0, "16.0"))));
        assertThrows(IllegalArgumentException.class, () -> Payloads.of(request, OcppVersion.V201));
    }

    @Test
    void aScheduleStartsItsFirstPeriodAtZeroAndTheOthersInOrder() {
        assertThrows(IllegalArgumentException.class, () -> schedule(ChargingRateUnit.A, period(10, "6.0")));
        assertThrows(IllegalArgumentException.class, () -> schedule(ChargingRateUnit.A, period(0, "6.0"), period(60, "8.0"), period(60, "7.0")));
        assertThrows(IllegalArgumentException.class, () -> schedule(ChargingRateUnit.A));
    }

    @Test
    void aLimitHasAtMostOneDecimalAndAPeriodOneToThreePhases() {
        assertThrows(IllegalArgumentException.class, () -> new SchedulePeriod(0, new BigDecimal("6.05"), 3));
        assertThrows(IllegalArgumentException.class, () -> new SchedulePeriod(0, new BigDecimal("6.0"), 4));
        assertThrows(IllegalArgumentException.class, () -> new SchedulePeriod(-1, new BigDecimal("6.0"), 1));
    }

    @Test
    void onlyATxProfileNamesATransactionAndItAlwaysDoes() {
        ChargingSchedule schedule = schedule(ChargingRateUnit.W, period(0, "11000.0"));
        assertThrows(IllegalArgumentException.class, () -> new ChargingProfile(1001, 1, ChargingProfilePurpose.TxDefaultProfile, "7", schedule));
        assertThrows(IllegalArgumentException.class, () -> new ChargingProfile(2001, 1, ChargingProfilePurpose.TxProfile, null, schedule));
        assertThrows(IllegalArgumentException.class, () -> new ChargingProfile(1, -1, ChargingProfilePurpose.TxDefaultProfile, null, schedule));
    }

    @Test
    void aStationsAnswerToSetChargingProfileIsReadAsItsStatusOrNone() {
        assertEquals(ChargingProfileStatus.Accepted, ChargingProfileStatus.of(Json.createObjectBuilder().add("status", "Accepted").build()));
        assertEquals(ChargingProfileStatus.NotSupported, ChargingProfileStatus.of(Json.createObjectBuilder().add("status", "NotSupported").build()));
        assertNull(ChargingProfileStatus.of(Json.createObjectBuilder().add("status", "accepted").build()), "the spec's spelling only");
        assertNull(ChargingProfileStatus.of(Json.createObjectBuilder().build()));
    }
}
