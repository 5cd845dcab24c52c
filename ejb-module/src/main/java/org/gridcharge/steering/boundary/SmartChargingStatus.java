package org.gridcharge.steering.boundary;

import org.gridcharge.allocation.SocketAllocation.State;

/** Whether the platform steers an EVSE's session, as the vendor's Smart Charging API 1.0 reports it. */
public enum SmartChargingStatus {
    /** A session runs, but the vehicle draws (almost) nothing although it may: it is done charging. */
    VEHICLEDONECHARGING,
    /** A session runs and the platform steers it. */
    SMARTCHARGINGACTIVE,
    /** The EVSE is out of the platform's control. */
    OFFLINE;

    /** Measured current below this, while the EVSE may draw more, means the vehicle has stopped drawing. */
    public static final double DONE_CHARGING_AMPS = 1.0;

    /** The status in an allocation record: null for an EVSE without a session. */
    public static SmartChargingStatus ofState(String state) {
        return switch (State.valueOf(state)) {
            case UNCONTROLLABLE -> OFFLINE;
            case CHARGING, STARTED, PAUSED, SCHEDULED -> SMARTCHARGINGACTIVE;
            default -> null;
        };
    }

    /**
     * The status now: OFFLINE while the station is offline, null without a session, VEHICLEDONECHARGING when the
     * vehicle draws under {@value #DONE_CHARGING_AMPS} A of a limit above 0 (amperes only: DC stations report no
     * current here), otherwise SMARTCHARGINGACTIVE.
     */
    public static SmartChargingStatus now(boolean online, boolean session, Double measuredAmps, Double limit, boolean watts) {
        if (!online) {
            return OFFLINE;
        }
        if (!session) {
            return null;
        }
        boolean mayDraw = limit != null && limit > 0;
        return !watts && measuredAmps != null && measuredAmps < DONE_CHARGING_AMPS && mayDraw ? VEHICLEDONECHARGING : SMARTCHARGINGACTIVE;
    }
}
