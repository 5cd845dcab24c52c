package org.gridcharge.ocpp.message;

/**
 * What a charging profile limits, of the purposes the platform sets: a running transaction, or
 * every transaction that has no profile of its own. The station-wide maximum belongs to the site,
 * not to the platform.
 */
public enum ChargingProfilePurpose {
    TxDefaultProfile,
    TxProfile
}
