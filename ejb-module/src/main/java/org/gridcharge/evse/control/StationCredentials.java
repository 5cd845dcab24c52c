package org.gridcharge.evse.control;

/**
 * What the evse component needs to know of a charge station's OCPP credentials, which the station component owns and
 * implements: the dependency points from station to evse, never back.
 */
public interface StationCredentials {

    /** The CPO the station's credentials were registered for, or null if it has none. */
    String registeredCpo(String chargeStationId);
}
