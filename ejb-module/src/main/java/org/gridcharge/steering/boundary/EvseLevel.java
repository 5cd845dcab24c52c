package org.gridcharge.steering.boundary;

import org.gridcharge.allocation.SocketAllocation.State;

/**
 * An EVSE's place in an allocation, highest first; a chart orders the EVSEs by it. The vendor's Smart Charging API
 * 1.0 calls it {@code level}.
 */
public enum EvseLevel {
    /** In its start window ({@code session_started_duration}): charging unthrottled within the capacity. */
    STARTED,
    /** Charging, served first by a priority request. */
    PRIORITY,
    /** Charging at its share. */
    NORMAL,
    /** Held back: there is no room for its minimum current, or (time of use) its plan charges it later, so it waits at 0 A. */
    SLOW,
    /** Out of the platform's control (its station is offline or does not take limits): counted at what it may draw. */
    OFFLINE,
    /** Cannot be served: its maximum is below the group's minimum current. */
    REJECTED,
    /** No session. */
    AVAILABLE;

    /** The level of an allocation state ({@link State} name) and priority flag. */
    public static EvseLevel of(String state, boolean priority) {
        return switch (State.valueOf(state)) {
            case AVAILABLE -> AVAILABLE;
            case STARTED -> STARTED;
            case CHARGING -> priority ? PRIORITY : NORMAL;
            case PAUSED, SCHEDULED -> SLOW;
            case REJECTED -> REJECTED;
            case UNCONTROLLABLE -> OFFLINE;
        };
    }
}
