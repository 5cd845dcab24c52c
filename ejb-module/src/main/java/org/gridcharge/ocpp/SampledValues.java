package org.gridcharge.ocpp;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;
import org.gridcharge.session.boundary.MeterReading;

/**
 * Reads the meter values of a MeterValues or TransactionEvent request (its payload checked against its shape): the
 * energy register (measurand Energy.Active.Import.Register, the spec's default, on no phase) and the current drawn
 * (Current.Import, on L1, L2, L3 or none). A value no meter could show is refused with a PropertyConstraintViolation,
 * so that a broken meter changes nothing.
 */
public final class SampledValues {

    /** Above these a sampled value is a broken meter, not a reading: refused with a CALLERROR, never stored. */
    static final double MAX_AMPS = 10_000;
    static final double MAX_ENERGY_WH = 1e15;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String ENERGY = "Energy.Active.Import.Register";

    private SampledValues() {
    }

    /** What the meter values say: the first and last energy reading, the highest current, per phase, and when it was drawn. */
    public static MeterReading read(List<JsonObject> meterValues, OcppVersion version) {
        Double firstWh = null;
        Double lastWh = null;
        Double highest = null;
        Double[] phases = new Double[3];
        Instant at = null;
        for (JsonObject meterValue : meterValues) {
            for (JsonObject sample : meterValue.getJsonArray("sampledValue").getValuesAs(JsonObject.class)) {
                String measurand = sample.getString("measurand", ENERGY);
                if (ENERGY.equals(measurand) && !sample.containsKey("phase")) {
                    double wh = value(sample.get("value"), version) * whPerUnit(sample, version);
                    if (wh > MAX_ENERGY_WH) {
                        throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value: an energy register above " + MAX_ENERGY_WH
                                + " Wh is not a meter reading");
                    }
                    firstWh = firstWh == null ? wh : firstWh;
                    lastWh = wh;
                    continue;
                }
                if (!"Current.Import".equals(measurand)) {
                    continue;
                }
                String phase = sample.getString("phase", null);
                if (phase != null && !phase.equals("L1") && !phase.equals("L2") && !phase.equals("L3")) {
                    continue;
                }
                double amps = value(sample.get("value"), version);
                if (amps > MAX_AMPS) {
                    throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value: a current above " + (long) MAX_AMPS + " A is not a meter reading");
                }
                if (highest == null || amps > highest) {
                    highest = amps;
                    at = OffsetDateTime.parse(meterValue.getString("timestamp")).toInstant();
                }
                if (phase != null) {
                    int p = phase.charAt(1) - '1';
                    phases[p] = phases[p] == null ? amps : Math.max(phases[p], amps);
                }
            }
        }
        return new MeterReading(firstWh, lastWh, highest, phases, at);
    }

    /** Wh per unit of an energy sample: kWh in either version, and OCPP 2.0.1's power-of-ten multiplier. */
    private static double whPerUnit(JsonObject sample, OcppVersion version) {
        if (version == OcppVersion.V16) {
            return "kWh".equals(sample.getString("unit", "Wh")) ? 1000 : 1;
        }
        JsonObject unit = sample.getJsonObject("unitOfMeasure");
        double factor = unit != null && "kWh".equals(unit.getString("unit", "Wh")) ? 1000 : 1;
        return factor * Math.pow(10, unit == null ? 0 : unit.getInt("multiplier", 0));
    }

    /** A sampled value: a finite, non-negative decimal (OCPP 1.6 writes it as a string), or a PropertyConstraintViolation. */
    static double value(JsonValue value, OcppVersion version) {
        double parsed;
        if (value instanceof JsonNumber number) {
            parsed = number.doubleValue();
        } else {
            String text = ((JsonString) value).getString().trim();
            // Double.parseDouble takes "NaN", "Infinity" and hexadecimal floats: a meter value is a plain decimal
            if (!DECIMAL.matcher(text).matches()) {
                throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value '" + text + "' is not a decimal number");
            }
            parsed = Double.parseDouble(text);
        }
        if (!Double.isFinite(parsed) || parsed < 0) {
            throw new OcppException(ErrorKind.PROPERTY, "sampledValue.value " + value + " is not a finite, non-negative number");
        }
        return parsed;
    }
}
