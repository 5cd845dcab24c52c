package org.gridcharge.group.entity;

import org.gridcharge.platform.error.InvalidInputException;

/**
 * What a group's capacity, profiles and limits are counted in, fixed when the group is made: amperes per phase
 * ({@code A}, AC charging) or watts ({@code W}, DC chargers, whose stations get their limits with
 * {@code chargingRateUnit} W).
 */
public enum CapacityUnit {
    A(1_000_000),
    W(1_000_000_000);

    private final double maxCapacity;

    CapacityUnit(double maxCapacity) {
        this.maxCapacity = maxCapacity;
    }

    /** The largest capacity a group of this unit may have (1,000,000 A per phase; 1 GW). */
    public double maxCapacity() {
        return maxCapacity;
    }

    public static CapacityUnit parse(String field, String value) {
        if (value == null) {
            return A;
        }
        for (CapacityUnit unit : values()) {
            if (unit.name().equals(value)) {
                return unit;
            }
        }
        throw new InvalidInputException(field, "must be A (amperes per phase) or W (watts, for DC chargers), was '" + value + "'");
    }
}
