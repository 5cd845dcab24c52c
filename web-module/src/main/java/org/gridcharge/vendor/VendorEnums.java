package org.gridcharge.vendor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.gridcharge.allocation.SocketAllocation.State;
import org.gridcharge.platform.InvalidInputException;
import org.gridcharge.platform.Page;
import org.gridcharge.steering.boundary.AllocationService.EvseState;
import org.gridcharge.steering.entity.AllocationLimit;

/** The vendor's enumerations and query conventions, and how our states read in them. */
final class VendorEnums {

    static final List<String> EVSE_STATUS = List.of("AVAILABLE", "BLOCKED", "CHARGING", "INOPERATIVE", "OUTOFORDER", "PLANNED", "REMOVED",
            "RESERVED", "UNKNOWN");
    static final List<String> SMART_CHARGING_STATUS = List.of("VEHICLEDONECHARGING", "SMARTCHARGINGACTIVE", "OFFLINE");
    /** An EVSE's place in an allocation, highest first: the graph's {@code order} follows it. */
    static final List<String> LEVELS = List.of("STARTED", "PRIORITY", "NORMAL", "SLOW", "OFFLINE", "REJECTED", "AVAILABLE");
    static final List<String> DAYS = List.of("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");
    static final List<String> PHASES = List.of("L1", "L2", "L3");
    static final List<String> ORDER = List.of("ASC", "DESC");

    /** Measured current below this, while the EVSE may draw more, means the vehicle has stopped drawing. */
    private static final double DONE_CHARGING_AMPS = 1.0;

    private VendorEnums() {
    }

    static void require(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new InvalidInputException(field, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
    }

    /** The level of an EVSE in an allocation record. */
    static String level(AllocationLimit limit) {
        return switch (State.valueOf(limit.state())) {
            case AVAILABLE -> "AVAILABLE";
            case STARTED -> "STARTED";
            case CHARGING -> limit.priority() ? "PRIORITY" : "NORMAL";
            case PAUSED -> "SLOW";
            case REJECTED -> "REJECTED";
            case UNCONTROLLABLE -> "OFFLINE";
        };
    }

    static int levelRank(AllocationLimit limit) {
        return LEVELS.indexOf(level(limit));
    }

    static String smartChargingStatus(AllocationLimit limit) {
        return switch (State.valueOf(limit.state())) {
            case UNCONTROLLABLE -> "OFFLINE";
            case CHARGING, STARTED, PAUSED -> "SMARTCHARGINGACTIVE";
            default -> null;
        };
    }

    static String smartChargingStatus(EvseState state) {
        if (!state.online()) {
            return "OFFLINE";
        }
        if (state.session() == null) {
            return null;
        }
        Double measured = state.session().measuredAmps();
        boolean mayDraw = state.limit() != null && state.limit().limitAmps() > 0;
        return measured != null && measured < DONE_CHARGING_AMPS && mayDraw ? "VEHICLEDONECHARGING" : "SMARTCHARGINGACTIVE";
    }

    static String evseStatus(EvseState state) {
        if (!state.online()) {
            return "UNKNOWN";
        }
        return state.session() == null ? "AVAILABLE" : "CHARGING";
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required (an ISO-8601 date-time, e.g. 2026-11-25T00:00:00Z)");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-25T00:00:00Z, was '" + value
                    + "'");
        }
    }

    static int offset(String offset) {
        return Page.Request.of(offset, null).offset();
    }

    /** The vendor leaves limit open; here it is at most {@value Page#MAX_LIMIT}, and that when absent. */
    static Page.Request page(String offset, String limit) {
        return Page.Request.of(offset, limit == null ? String.valueOf(Page.MAX_LIMIT) : limit);
    }
}
