package org.gridcharge.ocpp.message;

/** The unit of a charging schedule's limits (ChargingRateUnitType in 1.6, ChargingRateUnitEnumType in 2.0.1), named as on the wire. */
public enum ChargingRateUnit {
    /** Amperes per phase. */
    A,
    /** Watts: for DC chargers, whose current per phase says little. */
    W
}
