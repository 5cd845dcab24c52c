package org.gridcharge.capacity.entity;

import org.gridcharge.platform.error.InvalidInputException;

/** What a capacity profile's values mean for the group. */
public enum ProfileType {
    /** The group's total may not exceed the capacity (a DSO's or a building's limit). */
    CAPACITY_LIMIT("capacity_limit"),
    /** The group should draw the capacity (a virtual power plant's setpoint): allocate up to it, report the deviation. */
    POWER_SETPOINT("power_setpoint");

    private final String apiName;

    ProfileType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static ProfileType parse(String value) {
        for (ProfileType type : values()) {
            if (type.apiName.equals(value)) {
                return type;
            }
        }
        throw new InvalidInputException("type", (value == null ? "is required" : "'" + value + "' is unknown")
                + "; use capacity_limit or power_setpoint");
    }
}
