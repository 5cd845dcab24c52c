package org.gridcharge.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123456Z");

    /** The answer to every request that stores nothing, as the central system gave it inside a transaction before. */
    private static final Map<String, String> V16 = Map.of(
            "Heartbeat", "{\"currentTime\":\"2026-12-02T10:00:00.123Z\"}",
            "Authorize", "{\"idTagInfo\":{\"status\":\"Accepted\"}}",
            "DataTransfer", "{\"status\":\"UnknownVendorId\"}",
            "DiagnosticsStatusNotification", "{}",
            "FirmwareStatusNotification", "{}");

    private static final Map<String, String> V201 = Map.ofEntries(
            Map.entry("Heartbeat", "{\"currentTime\":\"2026-12-02T10:00:00.123Z\"}"),
            Map.entry("Authorize", "{\"idTokenInfo\":{\"status\":\"Accepted\"}}"),
            Map.entry("DataTransfer", "{\"status\":\"UnknownVendorId\"}"),
            Map.entry("SecurityEventNotification", "{}"),
            Map.entry("NotifyEVChargingSchedule", "{\"status\":\"Accepted\"}"),
            Map.entry("SignCertificate", "{\"status\":\"Rejected\"}"),
            Map.entry("GetCertificateStatus", "{\"status\":\"Failed\"}"),
            Map.entry("Get15118EVCertificate", "{\"status\":\"Failed\",\"exiResponse\":\"\"}"),
            Map.entry("ReportChargingProfiles", "{}"),
            Map.entry("NotifyEvent", "{}"),
            Map.entry("FirmwareStatusNotification", "{}"),
            Map.entry("LogStatusNotification", "{}"),
            Map.entry("NotifyReport", "{}"),
            Map.entry("NotifyMonitoringReport", "{}"),
            Map.entry("ClearedChargingLimit", "{}"),
            Map.entry("NotifyChargingLimit", "{}"),
            Map.entry("NotifyCustomerInformation", "{}"),
            Map.entry("NotifyDisplayMessages", "{}"),
            Map.entry("PublishFirmwareStatusNotification", "{}"),
            Map.entry("ReservationStatusUpdate", "{}"));

    private static final JsonValue SECURITY_EVENT = jakarta.json.Json.createObjectBuilder().add("type", "FirmwareUpdated")
            .add("timestamp", "2026-12-02T10:00:00Z").build();

    @Test
    void everyRequestIsEitherStatefulOrAnsweredAsBefore() {
        for (OcppVersion version : OcppVersion.values()) {
            Map<String, String> golden = version == OcppVersion.V16 ? V16 : V201;
            Set<String> acknowledged = new HashSet<>();
            for (String action : Messages.requests(version)) {
                if (Acknowledgements.stateful(version, action)) {
                    assertFalse(golden.containsKey(action), action);
                    assertThrows(IllegalArgumentException.class,
                            () -> Acknowledgements.answer("CS-1", version, action, JsonValue.EMPTY_JSON_OBJECT, NOW), action);
                    continue;
                }
                acknowledged.add(action);
                assertEquals(golden.get(action),
                        Acknowledgements.answer("CS-1", version, action, SECURITY_EVENT.asJsonObject(), NOW).toString(), version + " " + action);
            }
            assertEquals(golden.keySet(), acknowledged, version + ": every request that stores nothing has its answer");
        }
    }

    @Test
    void requestsThatStoreSomethingAreNotMerelyAcknowledged() {
        for (String action : new String[] {"BootNotification", "StartTransaction", "StopTransaction", "MeterValues", "StatusNotification"}) {
            assertTrue(Acknowledgements.stateful(OcppVersion.V16, action), action);
        }
        for (String action : new String[] {"BootNotification", "TransactionEvent", "MeterValues", "NotifyEVChargingNeeds", "StatusNotification"}) {
            assertTrue(Acknowledgements.stateful(OcppVersion.V201, action), action);
        }
    }
}
