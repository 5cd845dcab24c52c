package org.gridcharge.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123456Z");

    @Test
    void requestsThatStoreSomethingAreNotMerelyAcknowledged() {
        for (String action : new String[] {"BootNotification", "StartTransaction", "StopTransaction", "MeterValues", "StatusNotification"}) {
            assertTrue(Acknowledgements.stateful(OcppVersion.V16, action), action);
        }
        for (String action : new String[] {"BootNotification", "TransactionEvent", "MeterValues", "NotifyEVChargingNeeds", "StatusNotification"}) {
            assertTrue(Acknowledgements.stateful(OcppVersion.V201, action), action);
        }
        assertFalse(Acknowledgements.stateful(OcppVersion.V16, "Heartbeat"));
        assertThrows(IllegalArgumentException.class,
                () -> Acknowledgements.answer("CS-1", OcppVersion.V16, "MeterValues", JsonValue.EMPTY_JSON_OBJECT, NOW));
    }

    @Test
    void answersWithTheCentralSystemsTimeAndEachVersionsFields() {
        assertEquals("{\"currentTime\":\"2026-12-02T10:00:00.123Z\"}",
                Acknowledgements.answer("CS-1", OcppVersion.V16, "Heartbeat", JsonValue.EMPTY_JSON_OBJECT, NOW).toString());
        assertEquals("{\"idTagInfo\":{\"status\":\"Accepted\"}}",
                Acknowledgements.answer("CS-1", OcppVersion.V16, "Authorize", JsonValue.EMPTY_JSON_OBJECT, NOW).toString());
        assertEquals("{\"idTokenInfo\":{\"status\":\"Accepted\"}}",
                Acknowledgements.answer("CS-1", OcppVersion.V201, "Authorize", JsonValue.EMPTY_JSON_OBJECT, NOW).toString());
        assertEquals("{\"status\":\"Failed\",\"exiResponse\":\"\"}",
                Acknowledgements.answer("CS-1", OcppVersion.V201, "Get15118EVCertificate", JsonValue.EMPTY_JSON_OBJECT, NOW).toString());
        assertEquals("{}", Acknowledgements.answer("CS-1", OcppVersion.V16, "FirmwareStatusNotification", JsonValue.EMPTY_JSON_OBJECT, NOW)
                .toString());
    }
}
