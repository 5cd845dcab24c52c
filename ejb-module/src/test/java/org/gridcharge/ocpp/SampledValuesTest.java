package org.gridcharge.ocpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.gridcharge.session.boundary.MeterReading;
import org.junit.jupiter.api.Test;

class SampledValuesTest {

    private static List<JsonObject> meterValues(String json) {
        return Json.createReader(new StringReader(json)).readArray().getValuesAs(JsonObject.class);
    }

    @Test
    void readsTheEnergyRegisterAndTheHighestCurrentPerPhase() {
        MeterReading reading = SampledValues.read(meterValues("""
                [{"timestamp": "2026-12-02T10:00:00Z", "sampledValue": [
                  {"value": "1.5", "unit": "kWh"},
                  {"value": "12.0", "measurand": "Current.Import", "phase": "L1", "unit": "A"},
                  {"value": "15.5", "measurand": "Current.Import", "phase": "L2", "unit": "A"},
                  {"value": "230", "measurand": "Voltage", "phase": "L1-N"}]},
                 {"timestamp": "2026-12-02T10:00:10Z", "sampledValue": [
                  {"value": "1600", "measurand": "Energy.Active.Import.Register"},
                  {"value": "14.0", "measurand": "Current.Import", "phase": "L3"},
                  {"value": "99", "measurand": "Current.Import", "phase": "N"}]}]
                """), OcppVersion.V16);
        assertEquals(1500.0, reading.firstWh());
        assertEquals(1600.0, reading.lastWh());
        assertEquals(15.5, reading.amps());
        assertArrayEquals(new Double[] {12.0, 15.5, 14.0}, reading.phases());
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), reading.at());
    }

    @Test
    void readsOcpp201UnitsWithTheirMultiplier() {
        MeterReading reading = SampledValues.read(meterValues("""
                [{"timestamp": "2026-12-02T10:00:00Z", "sampledValue": [
                  {"value": 2.5, "unitOfMeasure": {"unit": "kWh", "multiplier": 1}}]}]
                """), OcppVersion.V201);
        assertEquals(25_000.0, reading.lastWh());
        assertNull(reading.amps());
    }

    @Test
    void refusesValuesNoMeterShows() {
        for (String value : new String[] {"\"NaN\"", "\"-1\"", "\"0x10p1\"", "\"10001\""}) {
            List<JsonObject> values = meterValues("[{\"timestamp\": \"2026-12-02T10:00:00Z\", \"sampledValue\": [{\"value\": " + value
                    + ", \"measurand\": \"Current.Import\"}]}]");
            OcppException refused = assertThrows(OcppException.class, () -> SampledValues.read(values, OcppVersion.V16), value);
            assertEquals(OcppVersion.ErrorKind.PROPERTY, refused.kind());
        }
        List<JsonObject> energy = meterValues("[{\"timestamp\": \"2026-12-02T10:00:00Z\", \"sampledValue\": [{\"value\": \"2e15\"}]}]");
        assertThrows(OcppException.class, () -> SampledValues.read(energy, OcppVersion.V16));
    }
}
