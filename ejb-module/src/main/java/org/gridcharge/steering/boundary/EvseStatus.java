package org.gridcharge.steering.boundary;

/**
 * An EVSE's status in OCPI's terms, as the vendor's Smart Charging API 1.0 reports it, read from what the station
 * last said in a StatusNotification. BLOCKED, PLANNED and REMOVED are OCPI statuses that OCPP cannot report: a
 * filter on them finds nothing.
 */
public enum EvseStatus {
    AVAILABLE, BLOCKED, CHARGING, INOPERATIVE, OUTOFORDER, PLANNED, REMOVED, RESERVED, UNKNOWN;

    /**
     * The status of an EVSE.
     *
     * @param online          whether its station is connected
     * @param session         whether a session is open on it
     * @param connectorStatus what its connector last reported (OCPP 1.6 or 2.0.1 status), or null
     * @param stationStatus   what connector 0 (the whole station) last reported, or null: Unavailable or Faulted
     *                        there makes every EVSE of the station INOPERATIVE or OUTOFORDER
     */
    public static EvseStatus of(boolean online, boolean session, String connectorStatus, String stationStatus) {
        if (!online) {
            return UNKNOWN;
        }
        EvseStatus station = stationStatus == null ? null : fromOcpp(stationStatus);
        EvseStatus reported = connectorStatus == null ? null : fromOcpp(connectorStatus);
        if (station == OUTOFORDER || reported == OUTOFORDER) {
            return OUTOFORDER; // a fault outranks being switched off
        }
        if (station == INOPERATIVE) {
            return INOPERATIVE;
        }
        if (reported == null || reported == AVAILABLE) {
            // no report, or one that an open session has overtaken (the StatusNotification is still on its way)
            return session ? CHARGING : reported == null ? AVAILABLE : reported;
        }
        return reported;
    }

    /**
     * Of two reports for the connectors of one EVSE (OCPP 2.0.1), the one that tells most: Faulted over Unavailable
     * over in use over Reserved over Available. Either may be null.
     */
    public static String mostTelling(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return weight(fromOcpp(a)) >= weight(fromOcpp(b)) ? a : b;
    }

    private static int weight(EvseStatus status) {
        return switch (status) {
            case OUTOFORDER -> 5;
            case INOPERATIVE -> 4;
            case CHARGING -> 3;
            case RESERVED -> 2;
            case AVAILABLE -> 1;
            default -> 0;
        };
    }

    /** OCPP 1.6 ChargePointStatus or OCPP 2.0.1 ConnectorStatusEnumType, mapped as OCPI maps them. */
    static EvseStatus fromOcpp(String status) {
        return switch (status) {
            case "Available" -> AVAILABLE;
            case "Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing", "Occupied" -> CHARGING;
            case "Reserved" -> RESERVED;
            case "Unavailable" -> INOPERATIVE;
            case "Faulted" -> OUTOFORDER;
            default -> UNKNOWN;
        };
    }
}
