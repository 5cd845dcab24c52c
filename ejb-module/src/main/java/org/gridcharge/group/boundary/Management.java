package org.gridcharge.group.boundary;

import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.SmartChargingGroup;

/**
 * How a group's capacity is managed: in watts, in amperes per phase, by time of use (the algorithm time_of_use), or not
 * at all (the algorithm none). Lists sorted by management follow the order declared here.
 */
public enum Management {
    WATTS,
    AMPERES,
    TIME_OF_USE,
    UNMANAGED;

    public static Management of(SmartChargingGroup group) {
        return of(group.algorithm(), group.capacityUnit());
    }

    public static Management of(Algorithm algorithm, CapacityUnit unit) {
        if (algorithm == Algorithm.NONE) {
            return UNMANAGED;
        }
        if (algorithm == Algorithm.TIME_OF_USE) {
            return TIME_OF_USE;
        }
        return unit == CapacityUnit.W ? WATTS : AMPERES;
    }
}
