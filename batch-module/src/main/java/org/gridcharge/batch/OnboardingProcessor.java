package org.gridcharge.batch;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.Map;
import java.util.Set;
import org.gridcharge.onboarding.boundary.OnboardingRow;

/** Turns a line into a typed row, or rejects it naming the column: unknown columns, wrong types, missing required fields. */
@Named("onboardingProcessor")
@Dependent
public class OnboardingProcessor implements ItemProcessor {

    /** The line where each evse_id was first seen in this run of the step. */
    private final Map<String, Integer> seen = new java.util.HashMap<>();
    /** The line where each uid was first seen in this run of the step. */
    private final Map<String, Integer> seenUids = new java.util.HashMap<>();

    static final Set<String> COLUMNS = Set.of("evse_id", "cpo_id", "charge_station_id", "connector_id", "max_current_amps", "phases",
            "phase_rotation", "group_id", "station_password", "uid", "max_power_watts");

    @Override
    public Object processItem(Object item) throws RowRejectedException {
        RawRow raw = (RawRow) item;
        if (raw.unreadable() != null) {
            throw new RowRejectedException(raw.line(), null, "line " + raw.line() + " " + raw.unreadable());
        }
        Map<String, String> v = raw.values();
        for (Map.Entry<String, String> entry : v.entrySet()) {
            if (!COLUMNS.contains(entry.getKey())) {
                throw new RowRejectedException(raw.line(), entry.getKey(), "unknown column '" + entry.getKey() + "'; columns are " + COLUMNS);
            }
            if (entry.getValue().startsWith("\u0000")) {
                throw new RowRejectedException(raw.line(), entry.getKey(), entry.getKey() + " must be a string or a number");
            }
        }
        String evseId = v.get("evse_id");
        if (evseId != null) {
            Integer first = seen.putIfAbsent(evseId, raw.line());
            if (first != null) {
                throw new RowRejectedException(raw.line(), "evse_id", "evse_id '" + evseId + "' is listed twice: first on line " + first);
            }
        }
        String uid = v.get("uid");
        if (uid != null) {
            Integer first = seenUids.putIfAbsent(uid, raw.line());
            if (first != null) {
                throw new RowRejectedException(raw.line(), "uid", "uid '" + uid + "' is listed twice: first on line " + first);
            }
        }
        return new OnboardingRow(raw.line(), v.get("evse_id"), v.get("cpo_id"), v.get("charge_station_id"),
                integer(raw.line(), "connector_id", v.get("connector_id")), decimal(raw.line(), "max_current_amps", v.get("max_current_amps")),
                integer(raw.line(), "phases", v.get("phases")), v.get("phase_rotation"), v.get("group_id"), v.get("station_password"),
                v.get("uid"), decimal(raw.line(), "max_power_watts", v.get("max_power_watts")));
    }

    private static Integer integer(int line, String column, String value) throws RowRejectedException {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new RowRejectedException(line, column, column + ": '" + value + "' is not a whole number");
        }
    }

    private static Double decimal(int line, String column, String value) throws RowRejectedException {
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new RowRejectedException(line, column, column + ": '" + value + "' is not a number");
        }
    }
}
