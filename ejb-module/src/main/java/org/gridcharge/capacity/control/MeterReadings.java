package org.gridcharge.capacity.control;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.gridcharge.allocation.PerPhase;

/**
 * A meter reading as it comes, by REST or MQTT: a JSON object with the load per phase in amperes
 * ({@code "currents": [l1, l2, l3]}) for a group in amperes, or in watts ({@code "power": w}) for a group in watts; import
 * positive, export negative; and optionally its {@code "timestamp"} (ISO-8601, its arrival when absent).
 */
public final class MeterReadings {

    private MeterReadings() {
    }

    /** A reading read, or why not (and the field at fault). */
    public record Parsed(PerPhase reading, Instant timestamp, String field, String refusal) {

        static Parsed refused(String field, String refusal) {
            return new Parsed(null, null, field, refusal);
        }
    }

    /** Reads a payload as it came (an MQTT message, a REST body); {@code field} names the whole of it in a refusal. */
    public static Parsed parse(byte[] payload, boolean watts, String field) {
        if (payload == null || payload.length == 0) {
            return Parsed.refused(field, "is empty; a JSON object is expected");
        }
        if (payload.length > 4096) {
            return Parsed.refused(field, "is " + payload.length + " bytes; a reading is a small JSON object of at most 4096");
        }
        try (JsonReader reader = Jsons.createReader(new java.io.StringReader(new String(payload, java.nio.charset.StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Parsed.refused(field, "is JSON but not an object");
            }
            return parse(value.asJsonObject(), watts);
        } catch (JsonParsingException e) {
            return Parsed.refused(field, "is not JSON: " + e.getMessage());
        } catch (JsonException e) {
            return Parsed.refused(field, "could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // the parser's own limits (a number too long, an exponent too large) end here
            return Parsed.refused(field, "could not be read as a reading: " + e.getClass().getSimpleName());
        }
    }

    /** Reads a JSON object. */
    public static Parsed parse(JsonObject json, boolean watts) {
        if (json == null) {
            return Parsed.refused("body", "a JSON object {\"currents\": [l1, l2, l3], \"timestamp\"} is required");
        }
        Instant timestamp = null;
        JsonValue at = json.get("timestamp");
        if (at != null && at.getValueType() != JsonValue.ValueType.NULL) {
            if (at.getValueType() != JsonValue.ValueType.STRING) {
                return Parsed.refused("timestamp", "must be an ISO-8601 date and time with an offset, e.g. 2026-06-01T10:00:00Z");
            }
            try {
                timestamp = java.time.OffsetDateTime.parse(json.getString("timestamp")).toInstant();
            } catch (DateTimeParseException e) {
                return Parsed.refused("timestamp", "'" + json.getString("timestamp") + "' is not an ISO-8601 date and time with an offset");
            }
        }
        if (watts) {
            JsonValue power = json.get("power");
            if (power == null || power.getValueType() != JsonValue.ValueType.NUMBER) {
                return Parsed.refused("power", "the load in watts is required as a number (import positive, export negative)");
            }
            return new Parsed(PerPhase.balanced(((JsonNumber) power).doubleValue()), timestamp, null, null);
        }
        JsonValue currents = json.get("currents");
        if (currents == null || currents.getValueType() != JsonValue.ValueType.ARRAY || ((JsonArray) currents).size() != 3) {
            return Parsed.refused("currents", "the load per phase in amperes is required as [l1, l2, l3] (import positive, export negative)");
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            JsonValue value = ((JsonArray) currents).get(i);
            if (value.getValueType() != JsonValue.ValueType.NUMBER) {
                return Parsed.refused("currents[" + i + "]", "must be a number");
            }
            values[i] = ((JsonNumber) value).doubleValue();
        }
        return new Parsed(new PerPhase(values[0], values[1], values[2]), timestamp, null, null);
    }
}
